package io.github.batchtranscode.testkit.azurite;

import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * What a test does when Azurite cannot run here: skip with the reason on a developer's machine, fail on CI,
 * which must never report green with Azurite tests skipped. CI is recognised by the {@code CI} environment
 * variable being set to anything but empty, {@code false} or {@code 0}.
 */
final class CiRule {
    static final String CI_ENV = "CI";

    private CiRule() {
    }

    static boolean isCi(Map<String, String> env) {
        String value = env.getOrDefault(CI_ENV, "").trim();
        return !value.isEmpty() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }

    /** The exception to throw for {@code unavailable}: a failure on CI, an aborted (skipped) test otherwise. */
    static RuntimeException onUnavailable(AzuriteUnavailableException unavailable, Map<String, String> env) {
        if (isCi(env)) {
            AzuriteUnavailableException failure = new AzuriteUnavailableException(
                    "CI is set, so tests that need Azurite fail instead of being skipped: " + unavailable.getMessage());
            failure.initCause(unavailable);
            return failure;
        }
        return new TestAbortedException("skipped, Azurite cannot run here (set CI=true to make this a failure): "
                + unavailable.getMessage(), unavailable);
    }
}
