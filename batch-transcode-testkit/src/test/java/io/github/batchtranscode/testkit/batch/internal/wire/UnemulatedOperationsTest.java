package io.github.batchtranscode.testkit.batch.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnemulatedOperationsTest {
    @Test
    void aServiceOperationTheEmulatorLacksIs501NamingIt() {
        BatchServiceException e = UnemulatedOperations.refusal("POST", List.of("pools", "p1", "resize"));
        assertThat(e.status()).isEqualTo(501);
        assertThat(e.code()).isEqualTo("NotImplemented");
        assertThat(e.getMessage()).contains("Pool_Resize", "POST /pools/p1/resize", "the Batch service does");
        assertThat(UnemulatedOperations.refusal("POST", List.of("jobs", "j", "tasks", "t", "reactivate"))
                .getMessage()).contains("Task_Reactivate");
        assertThat(UnemulatedOperations.refusal("GET", List.of("jobschedules")).getMessage())
                .contains("JobSchedule_*");
    }

    @Test
    void pathsTheServiceDoesNotHaveAreLeftToTheServicesNotFound() {
        assertThat(UnemulatedOperations.refusal("GET", List.of("nothing", "here"))).isNull();
        assertThat(UnemulatedOperations.refusal("GET", List.of("pools", "p1", "resize"))).isNull();
        assertThat(UnemulatedOperations.refusal("POST", List.of("pools", "resize"))).isNull();
        assertThat(UnemulatedOperations.refusal("GET", List.of())).isNull();
    }
}
