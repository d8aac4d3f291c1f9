package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's plan record is written as a stream: a plan of {@value #FILES} files (~50 MB of JSON) is written by a
 * JVM whose whole heap ({@value #HEAP}) is smaller than the record's text, and read back whole.
 */
@ExtendWith(AzuriteExtension.class)
class PlanRecordStreamIT {
    static final int FILES = 200_000;
    static final String HEAP = "-Xmx64m";
    static final String JOB = "job-plan-stream";
    static final String CONTAINER = "plan-out";
    private static final String STORAGE = "PLAN_RECORD_STORAGE";

    @TempDir
    Path tmp;

    @Test
    void aPlanLargerThanTheHeapIsWrittenAsAStreamAndReadBackWhole(Azurite azurite) throws Exception {
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        service.createBlobContainerIfNotExists(CONTAINER);
        Path output = tmp.resolve("child.txt");
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), PlanRecordStreamIT.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        child.environment().put(STORAGE, azurite.connectionString()); // the key never on a command line
        Process p = child.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the writing JVM finished").isTrue();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log).isZero();

        BlobStore blobs = new BlobStore(service, false);
        JobLayout layout = layout();
        assertThat(service.getBlobContainerClient(CONTAINER).getBlobClient(layout.planBlob()).getProperties()
                .getBlobSize()).as("the record's size: as one string (two bytes a character while it is written)"
                + " it would not fit in the writer's heap").isGreaterThan(40L << 20);
        List<PlannedFile> read = PlanRecord.read(blobs, layout).orElseThrow();
        assertThat(read).hasSize(FILES);
        assertThat(read.get(0).taskId()).isEqualTo(files().get(0).taskId());
        assertThat(read.get(FILES - 1)).extracting(PlannedFile::taskId, PlannedFile::input, PlannedFile::output,
                PlannedFile::inputBytes).containsExactly(files().get(FILES - 1).taskId(), files().get(FILES - 1)
                .input(), files().get(FILES - 1).output(), files().get(FILES - 1).inputBytes());
        Map<String, String> md5s = PlanRecord.md5s(blobs, layout);
        assertThat(md5s).hasSize(FILES).containsEntry(id(123_456), md5(123_456));
    }

    /** The writing JVM: the plan's files and MD5s are made as they are asked for, so only the record could fill the heap. */
    public static void main(String[] args) {
        BlobServiceClient service = new BlobServiceClientBuilder().connectionString(System.getenv(STORAGE))
                .buildClient();
        Map<String, String> md5s = new AbstractMap<>() {
            @Override
            public String get(Object taskId) {
                return md5(Integer.parseInt(((String) taskId).substring(2)));
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                throw new UnsupportedOperationException("only get");
            }
        };
        PlanRecord.write(new BlobStore(service, false), layout(), files(), md5s, null, Map.of());
        System.out.println("written");
    }

    private static JobLayout layout() {
        return new JobLayout(JOB, "plan-in", CONTAINER);
    }

    private static List<PlannedFile> files() {
        return new AbstractList<>() {
            @Override
            public PlannedFile get(int i) {
                String input = String.format(Locale.ROOT, "media/d%03d/clip-%06d.wav", i / 1000, i);
                return new PlannedFile(id(i), input, Path.of(input), input.replace(".wav", ".mp3"), 1000L + i);
            }

            @Override
            public int size() {
                return FILES;
            }
        };
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "t-%06d", i);
    }

    private static String md5(int i) {
        return String.format(Locale.ROOT, "%032x", i * 2_654_435_761L);
    }
}
