package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Azurite from the npm package, as it runs on a machine without a Docker engine. */
class AzuriteNpmIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Azurite startNpm() {
        try {
            return Azurite.builder().provisioning(Provisioning.NPM).start();
        } catch (AzuriteUnavailableException e) {
            throw CiRule.onUnavailable(e, System.getenv());
        }
    }

    @Test
    void startsOnLoopbackWithTheWellKnownAccountAndHidesTheKey() {
        try (Azurite azurite = startNpm()) {
            assertThat(azurite.provisioning()).isEqualTo(Provisioning.NPM);
            assertThat(azurite.blobEndpoint()).isEqualTo("http://127.0.0.1:" + azurite.port() + "/devstoreaccount1");
            assertThat(azurite.accountName()).isEqualTo("devstoreaccount1");
            assertThat(azurite.connectionString()).contains("BlobEndpoint=" + azurite.blobEndpoint() + ";")
                    .contains("AccountKey=" + azurite.accountKey());
            assertThat(azurite.toString()).contains(azurite.blobEndpoint()).doesNotContain(azurite.accountKey());
        }
    }

    @Test
    void blobRoundTripsThroughTheSdkAndSasUrls() throws Exception {
        try (Azurite azurite = startNpm()) {
            BlobServiceClient service = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                    .buildClient();
            BlobContainerClient container = service.createBlobContainer("input");
            byte[] content = "tutorial bytes \u00e9".getBytes(StandardCharsets.UTF_8);
            BlobClient blob = container.getBlobClient("dir/LowPriVMs-1.mp4");
            blob.upload(BinaryData.fromBytes(content));
            assertThat(blob.downloadContent().toBytes()).isEqualTo(content);

            String readSas = blob.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusMinutes(10),
                    new BlobSasPermission().setReadPermission(true)));
            HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(URI.create(blob.getBlobUrl() + "?" + readSas))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(content);

            String writeSas = container.generateSas(new BlobServiceSasSignatureValues(
                    OffsetDateTime.now().plusMinutes(10),
                    new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true)));
            URI target = URI.create(container.getBlobContainerUrl() + "/out/result.mp3?" + writeSas);
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(target).header("x-ms-blob-type", "BlockBlob")
                    .PUT(HttpRequest.BodyPublishers.ofString("mp3 bytes")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
            assertThat(container.getBlobClient("out/result.mp3").downloadContent().toString()).isEqualTo("mp3 bytes");

            HttpResponse<String> noType = HTTP.send(HttpRequest.newBuilder(target)
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noType.statusCode()).as("a PUT without x-ms-blob-type").isEqualTo(400);
            HttpResponse<String> readWithWriteSas = HTTP.send(HttpRequest.newBuilder(target).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readWithWriteSas.statusCode()).as("a read with a create/write SAS").isEqualTo(403);
        }
    }

    @Test
    void closeEndsTheProcessTreeAndDeletesTheData() {
        Azurite azurite = startNpm();
        NodeAzuriteServer server = (NodeAzuriteServer) azurite.server();
        ProcessHandle node = server.processHandle();
        List<ProcessHandle> tree = new ArrayList<>(node.descendants().toList());
        tree.add(node);
        assertThat(node.isAlive()).isTrue();
        assertThat(server.workDir()).isDirectory();

        azurite.close();
        azurite.close(); // idempotent

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.allProcesses().filter(p -> p.pid() == node.pid()).filter(ProcessHandle::isAlive))
                .isEmpty();
        assertThat(server.workDir()).doesNotExist();
        assertThat(new ReadinessProbe().answers("127.0.0.1", azurite.port())).isFalse();
    }

    @Test
    void twoInstancesRunAtOnceIndependently() {
        try (Azurite first = startNpm(); Azurite second = startNpm()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            BlobServiceClient a = new BlobServiceClientBuilder().connectionString(first.connectionString()).buildClient();
            BlobServiceClient b = new BlobServiceClientBuilder().connectionString(second.connectionString()).buildClient();
            a.createBlobContainer("only-in-first");
            assertThat(a.getBlobContainerClient("only-in-first").exists()).isTrue();
            assertThat(b.getBlobContainerClient("only-in-first").exists()).isFalse();
        }
    }

    @Test
    void listensOnAFixedPortWhenAsked() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (Azurite azurite = Azurite.builder().provisioning(Provisioning.NPM).port(port).start()) {
            assertThat(azurite.port()).isEqualTo(port);
            assertThat(azurite.blobEndpoint()).isEqualTo("http://127.0.0.1:" + port + "/devstoreaccount1");
        }
    }

    @Test
    void aPortInUseFailsTheStartWithTheLogPathAndReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Azurite.builder().provisioning(Provisioning.NPM).port(taken.getLocalPort()).start())
                    .isInstanceOf(AzuriteStartException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("azurite.log")
                    .hasMessageContaining("EADDRINUSE")
                    .satisfies(e -> {
                        String message = e.getMessage();
                        String log = message.substring(message.indexOf("output is in ") + 13, message.indexOf(".log") + 4);
                        Path logFile = Path.of(log);
                        assertThat(logFile).isRegularFile();
                        Files.delete(logFile);
                        Files.delete(logFile.getParent());
                    });
        }
    }
}
