package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.StorageSettings;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteTokens;
import io.github.batchtranscode.testkit.azurite.SelfSignedCertificate;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft Entra ID end to end on the storage side: Azurite over HTTPS with a certificate the test makes and
 * {@code --oauth basic}, the library given a {@code TokenCredential} (through the caller's client), listing,
 * downloading and writing outputs with bearer tokens only.
 */
class BlobOAuthIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    @TempDir
    static Path shared;
    private static Azurite azurite;
    private static SelfSignedCertificate cert;
    @TempDir
    Path tmp;

    @BeforeAll
    static void startAzurite() throws Exception {
        cert = SelfSignedCertificate.create(shared.resolve("tls"));
        azurite = Azurite.builder().https(cert).oauth().debugLog(shared.resolve("azurite-debug.log")).start();
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    private static BlobServiceClient client(AzuriteTokens tokens) throws Exception {
        return new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).credential(tokens)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(cert.sslContext())).build())
                .buildClient();
    }

    @Test
    void blobToBlobRunsOverHttpsWithBearerTokensOnly() throws Exception {
        assertThat(azurite.blobEndpoint()).startsWith("https://127.0.0.1:");
        AzuriteTokens tokens = new AzuriteTokens();
        BlobServiceClient blobs = client(tokens);
        var media = blobs.getBlobContainerClient("oauth-media");
        media.createIfNotExists();
        var clips = MEDIA.tutorialClips(tmp.resolve("clips"), 2);
        media.getBlobClient("raw/x/LowPriVMs-1.mp4").uploadFromFile(clips.get(0).toString(), true);
        media.getBlobClient("raw/y/LowPriVMs-2.mp4").uploadFromFile(clips.get(1).toString(), true);
        int before = tokens.issued();

        TranscodeReport report;
        try (TranscodeSession session = TranscodeSession.builder().storage(StorageSettings.client(blobs)).build()) {
            report = session.transcode(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.parse(azurite.blobEndpoint() + "/oauth-media/raw"))
                    .outputBlobs(BlobLocation.of("oauth-out", "mp3")).build());
        }

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::outputBlob)
                .containsExactlyInAnyOrder("mp3/x/LowPriVMs-1.mp3", "mp3/y/LowPriVMs-2.mp3");
        assertThat(blobs.getBlobContainerClient("oauth-out").getBlobClient("mp3/y/LowPriVMs-2.mp3").getProperties()
                .getBlobSize()).isPositive();
        assertThat(tokens.issued()).as("the library's requests carried bearer tokens").isGreaterThanOrEqualTo(before);
        String log = Files.readString(azurite.debugLog());
        assertThat(log).as("Azurite saw bearer authentication").contains("Bearer");
        assertThat(log).as("no shared key was used").doesNotContain("SharedKey ");
    }

    private static BlobServiceClient refusing(AzuriteTokens tokens,
            java.util.function.Predicate<com.azure.core.http.HttpRequest> refused) throws Exception {
        return new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).credential(tokens)
                .httpClient(new RefusingStorage(new JdkHttpClientBuilder(HttpClient.newBuilder()
                        .sslContext(cert.sslContext())).build(), refused)).buildClient();
    }

    private void uploadTwo(BlobServiceClient blobs, String container) throws Exception {
        var media = blobs.getBlobContainerClient(container);
        media.createIfNotExists();
        var clips = MEDIA.tutorialClips(tmp.resolve("clips"), 2);
        media.getBlobClient("raw/x/LowPriVMs-1.mp4").uploadFromFile(clips.get(0).toString(), true);
        media.getBlobClient("raw/y/LowPriVMs-2.mp4").uploadFromFile(clips.get(1).toString(), true);
    }

    @Test
    void withATokenAMissingContainerAndAnEmptyPrefixFailBeforeWorkNamingThem() throws Exception {
        AzuriteTokens tokens = new AzuriteTokens();
        uploadTwo(client(tokens), "oauth-empty");

        try (TranscodeSession session = TranscodeSession.builder().storage(StorageSettings.client(client(tokens)))
                .build()) {
            assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.of("oauth-no-such", "raw")).outputDirectory(tmp.resolve("out")).build()))
                    .isInstanceOf(io.github.batchtranscode.ConfigurationException.class)
                    .hasMessageContaining("container 'oauth-no-such'").hasMessageContaining("does not exist");
            assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.of("oauth-empty", "RAW")).outputDirectory(tmp.resolve("out")).build()))
                    .isInstanceOf(io.github.batchtranscode.ConfigurationException.class)
                    .hasMessageContaining("no blob in container 'oauth-empty' below prefix 'RAW/'");
        }
    }

    @Test
    void anIdentityThatMayNotListTheSourceFailsBeforeWorkNamingTheContainerAndTheRole() throws Exception {
        AzuriteTokens tokens = new AzuriteTokens();
        uploadTwo(client(tokens), "oauth-nolist");
        BlobServiceClient reader = refusing(tokens, RefusingStorage.listing("oauth-nolist"));

        try (TranscodeSession session = TranscodeSession.builder().storage(StorageSettings.client(reader)).build()) {
            assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.of("oauth-nolist", "raw")).outputDirectory(tmp.resolve("out")).build()))
                    .isInstanceOf(io.github.batchtranscode.ConfigurationException.class)
                    .hasMessageContaining("may not list container 'oauth-nolist'")
                    .hasMessageContaining("HTTP 403 AuthorizationPermissionMismatch")
                    .hasMessageContaining("'Storage Blob Data Reader'").hasMessageNotContaining("Bearer");
        }
    }

    @Test
    void anIdentityThatMayNotWriteTheDestinationFailsBeforeWorkNamingTheContainerAndTheRole() throws Exception {
        AzuriteTokens tokens = new AzuriteTokens();
        BlobServiceClient owner = client(tokens);
        uploadTwo(owner, "oauth-ro-src");
        owner.getBlobContainerClient("oauth-ro-dst").createIfNotExists();
        BlobServiceClient reader = refusing(tokens, RefusingStorage.writes("oauth-ro-dst"));

        try (TranscodeSession session = TranscodeSession.builder().storage(StorageSettings.client(reader)).build()) {
            assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                    .inputBlobs(BlobLocation.of("oauth-ro-src", "raw"))
                    .outputBlobs(BlobLocation.of("oauth-ro-dst", "mp3")).build()))
                    .isInstanceOf(io.github.batchtranscode.ConfigurationException.class)
                    .hasMessageContaining("may not write blob 'mp3/.batch-transcode-write-check-")
                    .hasMessageContaining("container 'oauth-ro-dst'")
                    .hasMessageContaining("'Storage Blob Data Contributor'").hasMessageNotContaining("Bearer");
        }
        assertThat(owner.getBlobContainerClient("oauth-ro-dst").listBlobs().stream().toList()).isEmpty();
    }

    @Test
    void aPlainHttpEndpointIsRefusedForATokenCredential() {
        assertThatThrownBy(() -> StorageSettings.tokenCredential(
                azurite.blobEndpoint().replace("https://", "http://"), new AzuriteTokens()))
                .hasMessageContaining("https://");
    }
}
