package io.github.batchtranscode.examples.bench;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import io.github.batchtranscode.TranscodeCancelledException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.Phase;
import io.github.batchtranscode.model.Preset;
import io.github.batchtranscode.model.TranscodeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * B2: staging 200 × 1 MB to Azurite through the library (parallel, MD5-skip) against one-at-a-time uploads with the
 * plain blob client; then the same staging again, which must upload nothing. The library's staging time is the span
 * from its first STAGING event to its first POOL event; the run is cancelled there, as only staging is measured.
 */
final class StagingBench {
    static final int FILES = 200;
    static final int BYTES = 1 << 20;
    private final Lab lab;

    StagingBench(Lab lab) {
        this.lab = lab;
    }

    Outcome run() throws Exception {
        Path in = inputs();
        BlobServiceClient plain = new BlobServiceClientBuilder().connectionString(lab.azurite().connectionString())
                .buildClient();
        List<Double> ours = new ArrayList<>();
        List<Double> again = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Long> reuploaded = new ArrayList<>();
        List<Double> clientMs = new ArrayList<>();
        List<Double> azuriteMs = new ArrayList<>();
        List<Double> ceiling = new ArrayList<>();
        try (Emulated batch = Emulated.start(lab.azurite(), 2, 1, b -> b.simulate(true))) {
            for (int r = 0; r < lab.runs(); r++) {
                String container = "b2-in-" + r;
                double o = 0;
                double b = 0;
                for (int k = 0; k < 2; k++) {
                    if ((r + k) % 2 == 0) {
                        Cpu before = Cpu.now();
                        o = library(batch, in, container).seconds();
                        Cpu used = Cpu.now().minus(before);
                        double mb = FILES * (double) BYTES / (1 << 20);
                        clientMs.add(used.client() * 1000 / mb);
                        azuriteMs.add(used.azurite() * 1000 / mb);
                        int cores = Runtime.getRuntime().availableProcessors();
                        // the best any parallelism can do: Azurite is one Node.js thread, and both share the cores
                        double bound = Math.max(used.azurite(), (used.client() + used.azurite()) / cores);
                        ceiling.add(bound);
                    } else {
                        b = plainUploads(plain.getBlobContainerClient("b2-plain-" + r), in);
                    }
                }
                Map<String, String> etags = etags(plain.getBlobContainerClient(container));
                Staged second = library(batch, in, container);
                boolean unchanged = etags.equals(etags(plain.getBlobContainerClient(container)));
                reuploaded.add(second.uploaded() + (unchanged ? 0 : 1_000_000L));
                lab.log("B2 run %d: library %.2f s, plain client %.2f s, second library run %.2f s, %d uploads,"
                        + " blobs unchanged: %s", r + 1, o, b, second.seconds(), second.uploaded(), unchanged);
                ours.add(o);
                base.add(b);
                again.add(second.seconds());
                ratio.add(b / o);
                ceiling.set(ceiling.size() - 1, b / ceiling.get(ceiling.size() - 1));
                plain.getBlobContainerClient(container).deleteIfExists();
                plain.getBlobContainerClient("b2-plain-" + r).deleteIfExists();
            }
        }
        Samples speedup = Samples.of(ratio);
        boolean zero = reuploaded.stream().allMatch(n -> n == 0);
        String bound = "; CPU per MB: client " + Samples.of(clientMs).format(1, "ms") + ", Azurite "
                + Samples.of(azuriteMs).format(1, "ms") + ", so at most " + Samples.of(ceiling).format(1) + "× here";
        Row row = new Row("B2", "staging " + FILES + " × 1 MB to Azurite", Samples.of(ours).format(2, "s")
                + "; again: " + Samples.of(again).format(2, "s") + ", " + (zero ? "0 bytes" : "**bytes**") + " uploaded",
                "one at a time: " + Samples.of(base).format(2, "s"), speedup.format(1) + "× faster" + bound,
                "≥ 3× faster; second run uploads 0 bytes", speedup.median() >= 3 && zero);
        List<String> lines = new ArrayList<>(List.of(
                "Library: a run on the emulator (simulated tasks) with `transferParallelism` 8 (default), timed from"
                        + " its first STAGING event to its first POOL event (containers, MD5 of each file, a"
                        + " properties check, the upload, the node script, SAS URLs). Second run: same inputs, same"
                        + " container; zero uploads counted from its events, and every blob's ETag unchanged.",
                "Baseline: `BlobClient.uploadFromFile(path, true)` for each file in turn, a fresh container.",
                "",
                "CPU per MB: the client JVM's process CPU time (it also hosts the emulator, idle while staging) and"
                        + " the Azurite Node.js process's, over the library's staging; the ceiling is the plain"
                        + " client's time over max(Azurite CPU, total CPU ÷ cores), the best any parallelism can do.",
                "",
                "| repetition | library (s) | plain client (s) | plain ÷ library | client ms/MB | Azurite ms/MB | ceiling |"
                        + " second run (s) | re-uploads |",
                "|---|---|---|---|---|---|---|---|---|"));
        for (int i = 0; i < ours.size(); i++) {
            lines.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f× | %.2f | %d |", i + 1,
                    ours.get(i), base.get(i), ratio.get(i), clientMs.get(i), azuriteMs.get(i), ceiling.get(i),
                    again.get(i), reuploaded.get(i)));
        }
        return new Outcome(row, lines);
    }

    private record Staged(double seconds, long uploaded) {
    }

    /** CPU seconds used so far by this JVM and by the Azurite process it started. */
    private record Cpu(double client, double azurite) {
        static Cpu now() {
            double client = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
            double azurite = ProcessHandle.current().descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains("azurite"))
                    .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
            return new Cpu(client, azurite);
        }

        Cpu minus(Cpu o) {
            return new Cpu(client - o.client, azurite - o.azurite);
        }
    }

    private Staged library(Emulated batch, Path in, String container) throws Exception {
        PhaseRecorder phases = new PhaseRecorder();
        try (TranscodeSession session = TranscodeSession.builder().azure(batch.options(container, "b2-out",
                CleanupPolicy.keepAll(), Duration.ofSeconds(1)).build()).build()) {
            TranscodeJob job = session.submit(TranscodeRequest.builder().inputDirectory(in).formats(OutputFormat.of(Preset.MP3)).build(),
                    phases);
            if (!phases.awaitPool(Duration.ofMinutes(5))) {
                throw new IllegalStateException("staging did not finish within 5 minutes: " + phases.events());
            }
            job.cancel();
            try {
                job.await(Duration.ofMinutes(2));
            } catch (TranscodeCancelledException expected) {
                // cancelled once staging was done: only staging is measured
            }
        }
        long uploads = phases.count(e -> e.phase() == Phase.STAGING && e.message().startsWith("Uploading file"));
        return new Staged(phases.seconds(PhaseRecorder.phase(Phase.STAGING), PhaseRecorder.phase(Phase.POOL)), uploads);
    }

    private static double plainUploads(BlobContainerClient container, Path in) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.sorted().toList();
        }
        long start = System.nanoTime();
        container.createIfNotExists();
        for (Path f : files) {
            container.getBlobClient(f.getFileName().toString()).uploadFromFile(f.toString(), true);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static Map<String, String> etags(BlobContainerClient container) {
        Map<String, String> etags = new TreeMap<>();
        for (BlobItem b : container.listBlobs()) {
            if (!b.getName().startsWith("file-")) {
                continue; // the node script and arguments are written again by every run
            }
            etags.put(b.getName(), b.getProperties().getETag());
        }
        return etags;
    }

    private Path inputs() throws Exception {
        Path d = lab.dir("b2-inputs");
        Random random = new Random(42);
        byte[] bytes = new byte[BYTES];
        for (int i = 0; i < FILES; i++) {
            random.nextBytes(bytes);
            Files.write(d.resolve(String.format("file-%03d.mp4", i)), bytes);
        }
        return d;
    }
}
