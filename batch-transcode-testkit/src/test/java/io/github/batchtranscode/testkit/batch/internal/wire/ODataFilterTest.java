package io.github.batchtranscode.testkit.batch.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ODataFilterTest {
    private static final Set<String> PROPS = Set.of("id", "state", "executionInfo/exitCode", "executionInfo/endTime");
    private static final Map<String, Object> TASK = Map.of("id", "task-17", "state", "completed",
            "executioninfo/exitcode", 1L, "executioninfo/endtime", Instant.parse("2024-05-01T10:00:00Z"));

    private static boolean matches(String filter) {
        return ODataFilter.parse(filter, PROPS).test(TASK::get);
    }

    @Test
    void comparesAndCombines() {
        assertThat(matches("state eq 'completed'")).isTrue();
        assertThat(matches("state eq 'active'")).isFalse();
        assertThat(matches("startswith(id,'task-1') and executionInfo/exitCode ne 0")).isTrue();
        assertThat(matches("state eq 'active' or id eq 'TASK-17'")).isTrue();
        assertThat(matches("(state eq 'active' or id gt 'task-2') and not (id lt 'a')")).isFalse();
        assertThat(matches("executionInfo/endTime ge datetime'2024-05-01T00:00:00Z'")).isTrue();
        assertThat(matches("executionInfo/exitCode le 0")).isFalse();
    }

    @Test
    void rejectsUnknownPropertiesAndSyntax() {
        assertThatThrownBy(() -> matches("color eq 'red'")).isInstanceOfSatisfying(BatchServiceException.class,
                e -> assertThat(e.code()).isEqualTo("InvalidQueryParameterValue"));
        assertThatThrownBy(() -> matches("state eq")).isInstanceOf(BatchServiceException.class);
        assertThatThrownBy(() -> matches("state is 'x'")).isInstanceOf(BatchServiceException.class);
    }
}
