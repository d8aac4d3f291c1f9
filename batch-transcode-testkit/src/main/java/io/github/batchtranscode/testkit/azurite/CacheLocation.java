package io.github.batchtranscode.testkit.azurite;

import java.nio.file.Path;
import java.util.Map;

/** Where downloaded tools are cached, the same root the core uses for its bundled ffmpeg. */
final class CacheLocation {
    /** Overrides the cache root. */
    static final String ENV = "BATCH_TRANSCODE_CACHE";

    private CacheLocation() {
    }

    /**
     * {@code $BATCH_TRANSCODE_CACHE}, else {@code $XDG_CACHE_HOME/batch-transcode}, else
     * {@code ~/.cache/batch-transcode}.
     */
    static Path root(Map<String, String> env) {
        String configured = env.get(ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg.trim(), "batch-transcode");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "batch-transcode");
    }
}
