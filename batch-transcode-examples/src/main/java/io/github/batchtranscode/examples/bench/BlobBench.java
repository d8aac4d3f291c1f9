package io.github.batchtranscode.examples.bench;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.FfmpegInstallation;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.internal.blob.BlobListing;
import io.github.batchtranscode.internal.blob.BlobTransfers;
import io.github.batchtranscode.internal.engine.TranscodePlan;
import io.github.batchtranscode.internal.plan.Planner;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.StorageSettings;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * B8 and B9, media in Blob Storage, each measured in a child JVM limited to {@code -Xmx256m} against Azurite in
 * this JVM.
 *
 * <ul>
 *   <li>B8: list and plan N source blobs (one request per 5,000) below a prefix; peak client heap.</li>
 *   <li>B9: one synthetic media file of 256 MB and one of 2 GB, each uploaded by the library's block transfers
 *       and then transcoded by the local backend's blob path (download, ffmpeg, upload); peak client heap per
 *       size — flat in file size is the target.</li>
 * </ul>
 *
 * <pre>
 * java -cp batch-transcode-examples/target/batch-transcode-examples.jar \
 *     io.github.batchtranscode.examples.bench.BlobBench [--blobs 100000] [--sizes 256,2048] \
 *     [--seeded-blobs 100000] [--fake-blobs 100000]
 * </pre>
 */
public final class BlobBench {
    static final String XMX = "-Xmx256m";

    private BlobBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child-list")) {
            childList(args[1], args[2], args.length > 3 ? args[3] : "library");
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("child-big")) {
            childBig(args[1], args[2], Path.of(args[3]));
            System.exit(0);
        }
        int blobs = 100_000;
        int fake = 0;
        int seeded = 0;
        List<Integer> sizes = List.of(256, 2048);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--blobs" -> blobs = Integer.parseInt(args[++i]);
                case "--fake-blobs" -> fake = Integer.parseInt(args[++i]);
                case "--seeded-blobs" -> seeded = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        List<String> rows = new ArrayList<>();
        if (fake > 0) {
            rows.add(fakeListing(fake, out));
        }
        if (seeded > 0) {
            rows.add(seededListing(seeded, out));
        }
        try (Azurite azurite = Azurite.start()) {
            if (blobs > 0) {
                rows.add(listing(azurite, blobs, out));
            }
            for (int mib : sizes.stream().filter(m -> m > 0).toList()) {
                rows.add(big(azurite, mib, out));
            }
        }
        out.println();
        out.println("| bench | what | peak heap (MiB) | after GC (MiB) | measured |");
        out.println("|---|---|---|---|---|");
        rows.forEach(out::println);
        System.exit(0); // the Azure SDK leaves non-daemon threads behind
    }

    private static String listing(Azurite azurite, int count, PrintStream out) throws Exception {
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        BlobContainerClient c = service.getBlobContainerClient("bench-listing");
        c.createIfNotExists();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "library/%03d/%03d/clip-%06d.mp4", i / 10_000, (i / 100) % 100, i);
            puts.add(pool.submit(() -> c.getBlobClient(name).upload(com.azure.core.util.BinaryData.fromString("x"), true)));
        }
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        out.printf(Locale.ROOT, "B8: %d blobs put into Azurite in %.0f s%n", count, (System.nanoTime() - t0) / 1e9);
        Map<String, String> r = child(out, "child-list", azurite.connectionString(), "bench-listing");
        return String.format(Locale.ROOT, "| B8 | list + plan %,d source blobs below a prefix, `%s` | %.0f | %.0f |"
                + " %s files planned in %s s with %s list requests |", count, XMX, mib(r.get("peakHeap")),
                mib(r.get("peakAfterGc")), r.get("files"), r.get("seconds"), r.get("pages"));
    }

    /**
     * B8 against Azurite holding {@code count} blobs of a cached {@link SourceSeed} (B10's source, filled by Put
     * Blob once and reused): the same listing and planning as {@link #listing}, without the fill in every run.
     */
    private static String seededListing(int count, PrintStream out) throws Exception {
        try (SourceSeed seed = SourceSeed.open(count, m -> out.println("B8: " + m))) {
            Map<String, String> r = child(out, "child-list", seed.azurite().connectionString(), SourceSeed.CONTAINER,
                    "s");
            return String.format(Locale.ROOT, "| B8 | list + plan %,d source blobs below a prefix in **Azurite**"
                    + " (a cached `SourceSeed`), `%s` | %.0f | %.0f | %s files planned in %s s with %s list requests |",
                    count, XMX, mib(r.get("peakHeap")), mib(r.get("peakAfterGc")), r.get("files"), r.get("seconds"),
                    r.get("pages"));
        }
    }

    /**
     * B8 against a listing served by {@link FakeListing} (this process), not Azurite: only the List Blobs answers,
     * 5,000 names a page, so the client's listing and planning of {@code count} blobs can be measured where
     * Azurite would need too long to hold them.
     */
    private static String fakeListing(int count, PrintStream out) throws Exception {
        try (FakeListing server = FakeListing.start(count)) {
            Map<String, String> r = child(out, "child-list", server.connectionString(), "bench-listing");
            return String.format(Locale.ROOT, "| B8 | list + plan %,d source blobs, listing served by a fake"
                    + " (FakeListing, not Azurite), `%s` | %.0f | %.0f | %s files planned in %s s with %s list"
                    + " requests (%,d served) |", count, XMX, mib(r.get("peakHeap")), mib(r.get("peakAfterGc")),
                    r.get("files"), r.get("seconds"), r.get("pages"), server.pagesServed());
        }
    }

    private static String big(Azurite azurite, int mib, PrintStream out) throws Exception {
        Path dir = Files.createTempDirectory("blob-bench-");
        try {
            Path file = dir.resolve("big-" + mib + ".mkv");
            long t0 = System.nanoTime();
            synthetic(file, mib);
            out.printf(Locale.ROOT, "B9: made %s (%,d bytes) in %.0f s%n", file.getFileName(), Files.size(file),
                    (System.nanoTime() - t0) / 1e9);
            Map<String, String> r = child(out, "child-big", azurite.connectionString(), "bench-big-" + mib,
                    file.toString());
            return String.format(Locale.ROOT, "| B9 | %,d MB media through the local backend's blob path, `%s` |"
                    + " %.0f | %.0f | upload %s s, download+transcode+upload %s s, %s |", Files.size(file) / 1_000_000,
                    XMX, mib(r.get("peakHeap")), mib(r.get("peakAfterGc")), r.get("uploadSeconds"),
                    r.get("runSeconds"), r.get("status"));
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A Matroska file of about {@code mib} MiB: uncompressed 1280x720 test pattern plus a sine tone. */
    private static void synthetic(Path file, int mib) throws Exception {
        FfmpegInstallation tools = FfmpegInstallation.locate();
        long frameBytes = 1280L * 720 * 3 / 2;
        long frames = mib * 1048576L / frameBytes;
        List<String> cmd = List.of(tools.ffmpeg().toString(), "-nostdin", "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                "-frames:v", Long.toString(frames), "-shortest", "-c:v", "rawvideo", "-pix_fmt", "yuv420p",
                "-c:a", "aac", file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg could not make " + file + ": " + log);
        }
    }

    private static Map<String, String> child(PrintStream out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                XMX, "-cp", Lab.classpath(), BlobBench.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    for (String pair : line.substring(7).split(" ")) {
                        String[] kv = pair.split("=", 2);
                        result.put(kv[0], kv[1]);
                    }
                } else if (!line.contains(" INFO ") && !line.contains(" DEBUG ")) {
                    out.println("  [child] " + line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0 || !result.containsKey("peakHeap")) {
            throw new IllegalStateException("the child " + args[0] + " failed (exit " + p.exitValue() + ")");
        }
        return result;
    }

    private static double mib(String bytes) {
        return Long.parseLong(bytes) / 1048576.0;
    }

    private static void childList(String connectionString, String container, String prefix) {
        try (HeapWatch heap = new HeapWatch()) {
            long t0 = System.nanoTime();
            BlobListing listing = new BlobListing(new BlobServiceClientBuilder().connectionString(connectionString)
                    .buildClient());
            TranscodePlan plan = new Planner().plan(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.of(container, prefix)).outputBlobs(BlobLocation.of(container, "mp3"))
                    .build(), "bench", listing);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            System.out.printf(Locale.ROOT, "RESULT files=%d pages=%d seconds=%.1f peakHeap=%d peakAfterGc=%d%n",
                    plan.files().size(), listing.pages(), seconds, heap.peak(), heap.peakAfterGc());
        }
    }

    private static void childBig(String connectionString, String container, Path file) {
        try (HeapWatch heap = new HeapWatch()) {
            BlobServiceClient service = new BlobServiceClientBuilder().connectionString(connectionString).buildClient();
            service.getBlobContainerClient(container).createIfNotExists();
            long t0 = System.nanoTime();
            new BlobTransfers(service).upload(file, container, "in/" + file.getFileName(), false);
            double upload = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            TranscodeReport report;
            try (TranscodeSession session = TranscodeSession.builder().parallelism(1)
                    .storage(StorageSettings.client(service)).build()) {
                report = session.transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of(container, "in"))
                        .includes("**/*.mkv").outputBlobs(BlobLocation.of(container, "out")).build());
            }
            double run = (System.nanoTime() - t1) / 1e9;
            String status = report.allSucceeded() ? "succeeded" : "FAILED: " + report.files().get(0).error()
                    .replace(' ', '_');
            System.out.printf(Locale.ROOT, "RESULT uploadSeconds=%.1f runSeconds=%.1f status=%s peakHeap=%d"
                    + " peakAfterGc=%d%n", upload, run, status, heap.peak(), heap.peakAfterGc());
        }
    }
}
