package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchEmulatorMainTest {
    private static final String[] ACCOUNT = {"--account", "a", "--key", BatchEmulator.randomKey()};

    private static String[] with(String... more) {
        String[] all = new String[ACCOUNT.length + more.length];
        System.arraycopy(ACCOUNT, 0, all, 0, ACCOUNT.length);
        System.arraycopy(more, 0, all, ACCOUNT.length, more.length);
        return all;
    }

    @Test
    void timingAndIsolationFlagsAreAccepted() {
        assertThatCode(() -> BatchEmulatorMain.parse(with("--node-isolation", "host", "--pool-allocation-time",
                "PT0.5S", "--node-start-time", "PT0S", "--pool-delete-time", "PT1S", "--job-delete-time", "PT2S",
                "--realistic-times", "--nodes", "3", "--slots-per-node", "2"))).doesNotThrowAnyException();
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        assertThatThrownBy(() -> BatchEmulatorMain.parse(with("--node-isolation", "docker")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--node-isolation")
                .hasMessageContaining("sandbox or host");
        assertThatThrownBy(() -> BatchEmulatorMain.parse(with("--pool-delete-time", "5s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--pool-delete-time")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> BatchEmulatorMain.parse(with("--job-delete-time", "-PT1S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobDeleteTime");
        assertThatThrownBy(() -> BatchEmulatorMain.parse(with("--nodes", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetDedicatedNodes");
    }

    @Test
    void helpPrintsEveryFlagAndStartsNothing() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            BatchEmulatorMain.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("usage:").doesNotContain("BATCH_ENDPOINT");
        for (String flag : new String[] {"--work-dir", "--fault-rate", "--no-auth", "--fail-start-task",
            "--simulate", "--no-simulated-uploads", "--realistic-times", "--enforce-api-version-retirement"}) {
            assertThat(help).contains(flag);
        }
    }
}
