package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.github.batchtranscode.internal.engine.PlannedFile;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.Preset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskFactoryTest {
    private static final String IDENTITY = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/"
            + "userAssignedIdentities/transcoder";
    private static final PlannedFile FILE = new PlannedFile("a-1", "raw/a/x.mp4", Path.of("a/x.mp4"), "a/x.mp3", 10,
            "md5:00");

    private static TaskFactory factory() {
        return new TaskFactory(new JobLayout("job", "in", "out"), OutputFormat.of(Preset.MP3),
                "https://acct.blob.core.windows.net/out?sig=x", Duration.ofMinutes(5), 1);
    }

    @Test
    void aBlobDestinationGetsTheResultRuleAndTheJobKeepsItsLogs() {
        TaskAddParameter t = factory().task(FILE, "https://acct.blob.core.windows.net/media/raw/a/x.mp4?sig=r",
                "https://acct.blob.core.windows.net/dest?sig=w", "mp3/a/x.mp3");
        assertThat(t.outputFiles().get(0).destination().container().containerUrl())
                .isEqualTo("https://acct.blob.core.windows.net/dest?sig=w");
        assertThat(t.outputFiles().get(0).destination().container().path()).isEqualTo("mp3/a/x.mp3");
        assertThat(t.outputFiles().get(1).destination().container().containerUrl())
                .isEqualTo("https://acct.blob.core.windows.net/out?sig=x");
        assertThat(t.resourceFiles().get(0).identityReference()).isNull();
        assertThat(t.commandLine()).doesNotContain("raw/a/x.mp4");
    }

    @Test
    void withANodeIdentityPlainUrlsCarryTheIdentityAndSasUrlsDoNot() {
        TaskAddParameter t = factory().withIdentity(IDENTITY).task(FILE,
                "https://acct.blob.core.windows.net/media/raw/a/x.mp4", "https://acct.blob.core.windows.net/dest",
                "mp3/a/x.mp3");
        assertThat(t.resourceFiles().get(0).identityReference().resourceId()).isEqualTo(IDENTITY);
        assertThat(t.outputFiles().get(0).destination().container().identityReference().resourceId())
                .isEqualTo(IDENTITY);
        assertThat(t.outputFiles().get(1).destination().container().identityReference()).as("logs keep their SAS")
                .isNull();
    }

    @Test
    void withANodeIdentityAndNoSasAnywhereEveryResourceAndOutputFileNamesTheIdentity() {
        TaskFactory factory = new TaskFactory(new JobLayout("job", "in", "out"), OutputFormat.of(Preset.MP3),
                "https://acct.blob.core.windows.net/out", Duration.ofMinutes(5), 1).withIdentity(IDENTITY);
        TaskAddParameter t = factory.task(FILE, "https://acct.blob.core.windows.net/media/raw/a/x.mp4",
                "https://acct.blob.core.windows.net/dest", "mp3/a/x.mp3");
        assertThat(t.resourceFiles()).hasSize(1).allSatisfy(rf -> {
            assertThat(rf.httpUrl()).doesNotContain("?");
            assertThat(rf.identityReference().resourceId()).isEqualTo(IDENTITY);
        });
        assertThat(t.outputFiles()).hasSize(3).allSatisfy(of -> {
            assertThat(of.destination().container().containerUrl()).doesNotContain("?");
            assertThat(of.destination().container().identityReference().resourceId()).isEqualTo(IDENTITY);
        });
        JobPreparationTask prep = factory.preparation(java.util.Map.of(NodeScript.SCRIPT_FILE,
                "https://acct.blob.core.windows.net/in/s.sh"));
        assertThat(prep.resourceFiles()).singleElement().satisfies(rf ->
                assertThat(rf.identityReference().resourceId()).isEqualTo(IDENTITY));
    }

    @Test
    void theJobsFilesComeOnceWithTheJobPreparationTaskAndTheTaskRunsTheScriptFromThere() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(NodeScript.SCRIPT_FILE, "https://a/in/s.sh?sig=x");
        files.put(NodeScript.ARGS_FILE, "https://a/in/a.txt?sig=x");
        JobPreparationTask prep = factory().preparation(files);
        assertThat(prep.resourceFiles()).extracting(ResourceFile::filePath, ResourceFile::httpUrl).containsExactly(
                tuple("transcode.sh", "https://a/in/s.sh?sig=x"), tuple("args.txt", "https://a/in/a.txt?sig=x"));
        assertThat(prep.commandLine()).isEqualTo("/bin/true");
        assertThat(prep.waitForSuccess()).isTrue();
        TaskAddParameter t = factory().task(FILE, "https://a/in/x.mp4?sig=x", "mp3/x.mp3");
        assertThat(t.resourceFiles()).extracting(ResourceFile::filePath).containsExactly(NodeScript.INPUT_FILE);
        assertThat(t.commandLine()).isEqualTo(
                "/bin/bash -c '. \"$AZ_BATCH_JOB_PREP_WORKING_DIR/transcode.sh\"'")
                .doesNotContain("raw/a/x.mp4", "x.mp3");
    }

    @Test
    void stdoutIsUploadedForEveryTaskAndStderrOnlyForAFailedOne() {
        JobLayout layout = new JobLayout("job", "in", "out");
        TaskAddParameter t = new TaskFactory(layout, OutputFormat.of(Preset.MP3), "https://a/out?sig=x",
                Duration.ofMinutes(5), 1)
                .task(FILE, "https://a/in/x.mp4?sig=x", "mp3/x.mp3");
        assertThat(t.outputFiles()).extracting(of -> of.filePattern(), of -> of.destination().container().path(),
                of -> of.uploadOptions().uploadCondition()).containsExactly(
                tuple(NodeScript.outputFile(OutputFormat.of(Preset.MP3)), "mp3/x.mp3",
                        OutputFileUploadCondition.TASK_SUCCESS),
                tuple("../stdout.txt", layout.stdoutBlob(FILE.taskId()), OutputFileUploadCondition.TASK_COMPLETION),
                tuple("../stderr.txt", layout.stderrBlob(FILE.taskId()), OutputFileUploadCondition.TASK_FAILURE));
    }
}
