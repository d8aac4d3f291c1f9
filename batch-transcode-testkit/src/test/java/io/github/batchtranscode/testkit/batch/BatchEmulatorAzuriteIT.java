package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The tutorial task end to end: MP4 from Azurite in, real ffmpeg on an emulated node, MP3 into Azurite. */
@ExtendWith(AzuriteExtension.class)
class BatchEmulatorAzuriteIT {
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static BlobContainerClient input;
    private static BlobContainerClient output;

    @BeforeAll
    static void start(Azurite azurite) throws Exception {
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        input = blobs.createBlobContainerIfNotExists("input");
        output = blobs.createBlobContainerIfNotExists("output");
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2).start();
        client = TestAccounts.client(emulator.endpoint());
        client.poolOperations().createPool(TestAccounts.pool("tutorial"));
        client.jobOperations().createJob("tutorial-job", new PoolInformation().withPoolId("tutorial"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String blobReadSas(String name) {
        var blob = input.getBlobClient(name);
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusHours(1), new BlobSasPermission().setReadPermission(true)));
    }

    private static String containerSas(BlobContainerClient c, BlobContainerSasPermission p) {
        return c.getBlobContainerUrl() + "?" + c.generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plusHours(1), p));
    }

    private static CloudTask run(TaskAddParameter task) throws Exception {
        client.taskOperations().createTask("tutorial-job", task);
        return Poll.until(Duration.ofSeconds(120), () -> client.taskOperations().getTask("tutorial-job", task.id()),
                t -> t.state() == TaskState.COMPLETED, "task " + task.id());
    }

    @Test
    void transcodesAnMp4FromAzuriteIntoAnMp3InAzurite(@TempDir Path tmp) throws Exception {
        Path clip = SampleMedia.create().clip(tmp.resolve("clip.mp4"), Duration.ofSeconds(2), 440);
        input.getBlobClient("videos/clip one.mp4").uploadFromFile(clip.toString(), true);
        String writeSas = containerSas(output, new BlobContainerSasPermission().setWritePermission(true)
                .setCreatePermission(true));
        CloudTask t = run(new TaskAddParameter().withId("clip-one")
                .withCommandLine("/bin/sh -c 'mkdir -p out && ffmpeg -nostdin -y -i in/source.mp4 -vn out/result.mp3'")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(blobReadSas("videos/clip one.mp4"))
                        .withFilePath("in/source.mp4")))
                .withOutputFiles(List.of(
                        new OutputFile().withFilePattern("out/result.mp3")
                                .withDestination(new OutputFileDestination().withContainer(
                                        new OutputFileBlobContainerDestination().withContainerUrl(writeSas)
                                                .withPath("videos/clip one.mp3")))
                                .withUploadOptions(new OutputFileUploadOptions()
                                        .withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS)),
                        new OutputFile().withFilePattern("../std*.txt")
                                .withDestination(new OutputFileDestination().withContainer(
                                        new OutputFileBlobContainerDestination().withContainerUrl(writeSas)
                                                .withPath("logs/clip-one")))
                                .withUploadOptions(new OutputFileUploadOptions()
                                        .withUploadCondition(OutputFileUploadCondition.TASK_COMPLETION)))));
        assertThat(t.executionInfo().failureInfo()).isNull();
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(output.getBlobClient("videos/clip one.mp3").getProperties().getBlobSize()).isGreaterThan(1000);
        assertThat(output.getBlobClient("logs/clip-one/stderr.txt").exists()).isTrue();
    }

    @Test
    void downloadsAContainerPrefixThroughTheListApi() throws Exception {
        input.getBlobClient("set/a.txt").upload(com.azure.core.util.BinaryData.fromString("A"), true);
        input.getBlobClient("set/sub/b.txt").upload(com.azure.core.util.BinaryData.fromString("B"), true);
        String readList = containerSas(input, new BlobContainerSasPermission().setReadPermission(true)
                .setListPermission(true));
        CloudTask t = run(new TaskAddParameter().withId("prefix")
                .withCommandLine("/bin/sh -c 'test \"$(cat data/set/a.txt data/set/sub/b.txt)\" = AB'")
                .withResourceFiles(List.of(new ResourceFile().withStorageContainerUrl(readList).withBlobPrefix("set/")
                        .withFilePath("data"))));
        assertThat(t.executionInfo().exitCode()).isZero();
    }
}
