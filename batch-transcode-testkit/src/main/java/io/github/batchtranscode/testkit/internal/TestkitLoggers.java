package io.github.batchtranscode.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The testkit's loggers, named for the component a user filters by rather than for the class that logs (README:
 * Logging). Lifecycle goes to INFO (a service started or stopped, Azurite installed), per-request, per-task and
 * per-file lines to DEBUG, what the user should know to WARN.
 */
public final class TestkitLoggers {
    /** The parent of every logger of the testkit. */
    public static final String ROOT = "io.github.batchtranscode.testkit";
    /** The Batch emulator: start and stop, pools, nodes, start tasks, tasks and jobs. */
    public static final Logger EMULATOR = LoggerFactory.getLogger(ROOT + ".emulator");
    /** Every request the Batch emulator serves, one DEBUG line each. */
    public static final Logger EMULATOR_REQUESTS = LoggerFactory.getLogger(ROOT + ".emulator.requests");
    /** Azurite: provisioning (Docker or npm), install, start and stop. */
    public static final Logger AZURITE = LoggerFactory.getLogger(ROOT + ".azurite");
    /** The fault-injecting proxy. */
    public static final Logger FAULTS = LoggerFactory.getLogger(ROOT + ".faults");
    /** Sample media. */
    public static final Logger MEDIA = LoggerFactory.getLogger(ROOT + ".media");
    /** The HTTP server under the emulator and the proxy: connections. */
    public static final Logger HTTP = LoggerFactory.getLogger(ROOT + ".http");

    private TestkitLoggers() {
    }
}
