package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.faults.FaultyProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flaky Blob Storage does not corrupt or lose a file: with {@link FaultyProxy} in front of Azurite answering 500/503
 * and resetting connections halfway through upload and download bodies, staging and downloads complete and every
 * byte is intact (MD5 of the local file = MD5 of the blob as Azurite holds it). Faults hit only this library's
 * requests (the Azure SDK's user agent); the emulator's node-side transfers go through the proxy untouched.
 */
@ExtendWith(AzuriteExtension.class)
class BlobFaultsIT {
    private static final int FILES = 12;

    @TempDir
    Path tmp;
    private AzureHarness azure;
    private FaultyProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void stagingAndDownloadsCompleteWithIntactBytesThroughErrorsAndMidBodyResets(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true)).poolSize(2, 4);
        proxy = FaultyProxy.builder().upstream(URI.create(azurite.blobEndpoint())).start().seed(3)
                .faultOnly(r -> String.valueOf(r.header("User-Agent")).contains("azsdk-java"))
                .errorRate(0.15).uploadResetRate(0.3).downloadResetRate(0.3);
        String viaProxy = azurite.connectionString().replace(azurite.blobEndpoint(),
                proxy.endpoint() + "/" + Azurite.ACCOUNT_NAME);
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Random random = new Random(7);
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = new byte[64 * 1024 + random.nextInt(256 * 1024)];
            random.nextBytes(bytes);
            Files.write(in.resolve("clip-" + i + ".mp4"), bytes);
        }

        TranscodeReport report = azure.session(azure.options().storageConnectionString(viaProxy)
                        .cleanup(CleanupPolicy.keepAll()).build())
                .submit(AzureHarness.request(in, out).verifyOutputs(false).build()).await(AzureHarness.WAIT);
        FaultyProxy.Stats stats = proxy.stats();
        proxy.calm();

        assertThat(report.files()).hasSize(FILES).allSatisfy(r ->
                assertThat(r.status()).as(r.input() + ": " + r.error()).isEqualTo(FileStatus.SUCCEEDED));
        for (var r : report.files()) {
            assertThat(md5(azure.container(azure.inputContainer()).getBlobClient(azure.stagedBlob(azure.inputContainer(), r.input())).downloadContent().toBytes()))
                    .as("staged " + r.input()).isEqualTo(md5(Files.readAllBytes(in.resolve(r.input()))));
            assertThat(md5(Files.readAllBytes(out.resolve(r.output()))))
                    .as("downloaded " + r.output())
                    .isEqualTo(md5(azure.container(azure.outputContainer()).getBlobClient(r.outputBlob())
                            .downloadContent().toBytes()));
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial download left behind")
                    .noneMatch(n -> n.endsWith(".download"));
        }
        assertThat(stats.errors()).as("injected 500/503").isPositive();
        assertThat(stats.uploadResets()).as("uploads reset mid-body").isPositive();
        assertThat(stats.downloadResets()).as("downloads reset mid-body").isPositive();
        assertThat(report.retries()).as("retries in the report").isPositive();
        System.out.printf("BlobFaultsIT: proxy %s, report.retries=%d%n", stats, report.retries());
    }

    private static String md5(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static String md5(Path file) throws IOException, NoSuchAlgorithmException {
        return md5(Files.readAllBytes(file));
    }
}
