package io.github.batchtranscode.testkit.batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a process:
 * {@code java -jar batch-transcode-testkit.jar --port 0 --account NAME --key BASE64 [--nodes N]
 * [--slots-per-node N] [--work-dir DIR] [--fault-rate R --fault-statuses 500,503,429] [--fail-start-task]
 * [--simulate [--no-simulated-uploads]] [--node-isolation sandbox|host] [--pool-allocation-time PT0.2S] [--node-start-time PT0.1S]
 * [--pool-delete-time PT0.2S] [--job-delete-time PT0.1S] [--realistic-times] [--enforce-api-version-retirement]}. {@code --nodes} and
 * {@code --slots-per-node} are caps: a pool gets its own targets up to them. Prints {@code BATCH_ENDPOINT=http://127.0.0.1:PORT} once it accepts requests and runs until
 * killed; serves {@code GET /_emulator/stats}.
 */
public final class BatchEmulatorMain {
    private BatchEmulatorMain() {
    }

    private static final String USAGE = "usage: --port 0 --account NAME --key BASE64 [--nodes N] [--slots-per-node N]"
            + " [--work-dir DIR] [--fault-rate R --fault-statuses 500,503,429] [--fail-start-task]"
            + " [--simulate] [--no-simulated-uploads] [--no-auth] [--node-isolation sandbox|host]"
            + " [--pool-allocation-time ISO-8601] [--node-start-time ISO-8601] [--pool-delete-time ISO-8601]"
            + " [--job-delete-time ISO-8601] [--realistic-times] [--enforce-api-version-retirement]";

    public static void main(String[] args) throws InterruptedException {
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        BatchEmulator.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("batch emulator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        BatchEmulator emulator = builder.start();
        String endpoint = emulator.endpoint();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "batch-emulator-shutdown"));
        System.out.println("BATCH_ENDPOINT=" + endpoint);
        System.out.flush();
        new CountDownLatch(1).await();
    }

    static BatchEmulator.Builder parse(String[] args) {
        BatchEmulator.Builder b = BatchEmulator.builder().statsEndpoint(true);
        BatchFaults faults = BatchFaults.create();
        String account = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(Integer.parseInt(value(args, ++i, a)));
                case "--account" -> account = value(args, ++i, a);
                case "--key" -> key = value(args, ++i, a);
                case "--nodes" -> b.nodes(Integer.parseInt(value(args, ++i, a)));
                case "--slots-per-node" -> b.slotsPerNode(Integer.parseInt(value(args, ++i, a)));
                case "--work-dir" -> b.workDir(Path.of(value(args, ++i, a)));
                case "--fault-rate" -> faults.errorRate(Double.parseDouble(value(args, ++i, a)));
                case "--fault-statuses" -> faults.errorStatuses(Arrays.stream(value(args, ++i, a).split(","))
                        .map(String::trim).mapToInt(Integer::parseInt).toArray());
                case "--fail-start-task" -> faults.failStartTaskOnAllNodes();
                case "--simulate" -> b.simulate(true);
                case "--no-simulated-uploads" -> b.simulatedUploads(false);
                case "--no-auth" -> b.verifySharedKey(false);
                case "--enforce-api-version-retirement" -> b.enforceApiVersionRetirement(true);
                case "--node-isolation" -> b.nodeIsolation(isolation(value(args, ++i, a)));
                case "--pool-allocation-time" -> b.poolAllocationTime(duration(value(args, ++i, a), a));
                case "--node-start-time" -> b.nodeStartTime(duration(value(args, ++i, a), a));
                case "--pool-delete-time" -> b.poolDeleteTime(duration(value(args, ++i, a), a));
                case "--job-delete-time" -> b.jobDeleteTime(duration(value(args, ++i, a), a));
                case "--realistic-times" -> b.realisticTimes();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (account == null || key == null) {
            throw new IllegalArgumentException("--account and --key are required");
        }
        return b.account(account, key).faults(faults);
    }

    private static NodeIsolation isolation(String v) {
        try {
            return NodeIsolation.valueOf(v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--node-isolation must be sandbox or host: " + v);
        }
    }

    private static java.time.Duration duration(String v, String option) {
        try {
            return java.time.Duration.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 duration such as PT0.2S or PT3M: " + v);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
