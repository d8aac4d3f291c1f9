package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The skip-or-fail rule, run through the JUnit engine as a user's test class would see it. */
class AzuriteExtensionTest {
    private static final AzuriteUnavailableException NOTHING_HERE =
            new AzuriteUnavailableException("no Docker engine, and no Node.js");

    @Test
    void skipsTheClassWithTheReasonWhenNotOnCi() {
        EngineExecutionResults results = run(LocalFixture.class);
        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents().assertStatistics(s -> s.aborted(1).failed(0));
        assertThat(throwables(results.containerEvents().aborted())).singleElement()
                .satisfies(t -> assertThat(t).isInstanceOf(TestAbortedException.class)
                        .hasMessageContaining("no Docker engine, and no Node.js").hasMessageContaining("CI=true"));
    }

    @Test
    void failsTheClassOnCi() {
        EngineExecutionResults results = run(CiFixture.class);
        results.testEvents().assertStatistics(s -> s.started(0));
        results.containerEvents().assertStatistics(s -> s.aborted(0).failed(1));
        assertThat(throwables(results.containerEvents().failed())).singleElement()
                .satisfies(t -> assertThat(t).isInstanceOf(AzuriteUnavailableException.class)
                        .hasMessageContaining("CI is set").hasMessageContaining("no Docker engine, and no Node.js"));
    }

    @Test
    void ciValuesThatMeanNo() {
        assertThat(CiRule.isCi(Map.of())).isFalse();
        assertThat(CiRule.isCi(Map.of("CI", ""))).isFalse();
        assertThat(CiRule.isCi(Map.of("CI", "false"))).isFalse();
        assertThat(CiRule.isCi(Map.of("CI", "0"))).isFalse();
        assertThat(CiRule.isCi(Map.of("CI", "true"))).isTrue();
        assertThat(CiRule.isCi(Map.of("CI", "1"))).isTrue();
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    private static List<Throwable> throwables(Events events) {
        return events.stream().map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .toList();
    }

    static class LocalFixture {
        @RegisterExtension
        static AzuriteExtension azurite = new AzuriteExtension(() -> {
            throw NOTHING_HERE;
        }, Map.of());

        @Test
        void needsAzurite(Azurite azurite) {
            assertThat(azurite).isNotNull();
        }
    }

    static class CiFixture {
        @RegisterExtension
        static AzuriteExtension azurite = new AzuriteExtension(() -> {
            throw NOTHING_HERE;
        }, Map.of("CI", "true"));

        @Test
        void needsAzurite(Azurite azurite) {
            assertThat(azurite).isNotNull();
        }
    }
}
