package io.github.batchtranscode.testkit.batch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator as a process:
 * {@code java -jar batch-transcode-testkit.jar --port 0 --account NAME --key BASE64 [--nodes N]
 * [--slots-per-node N] [--work-dir DIR] [--fault-rate R --fault-statuses 500,503,429] [--fail-start-task]
 * [--simulate] [--no-auth] [--enforce-api-version-retirement]}. Prints {@code BATCH_ENDPOINT=http://127.0.0.1:PORT} once it accepts requests and runs until
 * killed; serves {@code GET /_emulator/stats}.
 */
public final class BatchEmulatorMain {
    private BatchEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BatchEmulator emulator;
        try {
            emulator = parse(args).build();
        } catch (IllegalArgumentException e) {
            System.err.println("batch emulator: " + e.getMessage());
            System.err.println("usage: --port 0 --account NAME --key BASE64 [--nodes N] [--slots-per-node N]"
                    + " [--work-dir DIR] [--fault-rate R --fault-statuses 500,503,429] [--fail-start-task]"
                    + " [--simulate] [--no-auth] [--enforce-api-version-retirement]");
            System.exit(2);
            return;
        }
        String endpoint = emulator.start();
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
                case "--no-auth" -> b.verifySharedKey(false);
                case "--enforce-api-version-retirement" -> b.enforceApiVersionRetirement(true);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (account == null || key == null) {
            throw new IllegalArgumentException("--account and --key are required");
        }
        return b.account(account, key).faults(faults);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
