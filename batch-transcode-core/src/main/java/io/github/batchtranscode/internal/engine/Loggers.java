package io.github.batchtranscode.internal.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's loggers, named for the component a user filters by rather than for the class that logs (README:
 * Logging). Lifecycle goes to INFO (run started, pool ready, N tasks submitted, run finished), per-file and per-poll
 * lines to DEBUG, retries and what the user should know to WARN.
 */
public final class Loggers {
    /** The parent of every logger of the library. */
    public static final String ROOT = "io.github.batchtranscode";
    /** A run's lifecycle, whatever the backend: planning, start, finish, listener trouble, timeouts. */
    public static final Logger JOB = LoggerFactory.getLogger(ROOT + ".job");
    /** The local backend. */
    public static final Logger LOCAL = LoggerFactory.getLogger(ROOT + ".local");
    /** The Azure Batch backend: staging, pool, job, tasks, downloads, cleanup, retries. */
    public static final Logger AZURE = LoggerFactory.getLogger(ROOT + ".azure");
    /** Finding and extracting ffmpeg. */
    public static final Logger FFMPEG = LoggerFactory.getLogger(ROOT + ".ffmpeg");

    private Loggers() {
    }

    /** The logger of the backend named {@code name} ({@code local}, {@code azure}, ...). */
    public static Logger backend(String name) {
        return switch (name) {
            case "local" -> LOCAL;
            case "azure" -> AZURE;
            default -> LoggerFactory.getLogger(ROOT + "." + name.replaceAll("[^A-Za-z0-9_-]", "_"));
        };
    }
}
