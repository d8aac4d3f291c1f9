package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of a foreign client's conformance script: its own containers in Azurite (a read SAS for one input blob,
 * a create/write SAS for the output container), an emulator that enforces api-version retirement and accepts
 * SharedKey and one bearer token, and the JSON report the script printed, with helpers to read its steps.
 */
final class ForeignClientRun implements AutoCloseable {
    static final String SUPPORTED_VERSION = "2025-06-01";
    static final String INPUT_TEXT = "hello from azurite\n";

    final BatchEmulator emulator;
    final BlobContainerClient output;
    final JsonNode report;
    private final JsonNode steps;

    private ForeignClientRun(BatchEmulator emulator, BlobContainerClient output, JsonNode report) {
        this.emulator = emulator;
        this.output = output;
        this.report = report;
        this.steps = report.path("steps");
    }

    /** Runs {@code script} with {@code client}; fails when the script itself crashed. */
    static ForeignClientRun start(ForeignClient client, String script, Azurite azurite) throws Exception {
        String run = Long.toHexString(System.nanoTime());
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        BlobContainerClient input = blobs.createBlobContainerIfNotExists("fc-in-" + run);
        BlobContainerClient output = blobs.createBlobContainerIfNotExists("fc-out-" + run);
        var data = input.getBlobClient("data one.txt");
        data.upload(BinaryData.fromString(INPUT_TEXT), true);
        OffsetDateTime expiry = OffsetDateTime.now().plusHours(1);
        String token = "token-" + UUID.randomUUID();
        BatchEmulator emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(2)
                .enforceApiVersionRetirement(true).acceptBearerTokens(token::equals).start();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("endpoint", emulator.endpoint());
        config.put("account", TestAccounts.ACCOUNT);
        config.put("key", TestAccounts.KEY);
        config.put("bearerToken", token);
        config.put("apiVersion", SUPPORTED_VERSION);
        config.put("poolId", "fc-pool-" + run);
        config.put("jobId", "fc-job-" + run);
        config.put("inputUrl", data.getBlobUrl() + "?" + data.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true))));
        config.put("outputUrl", output.getBlobContainerUrl() + "?" + output.generateSas(
                new BlobServiceSasSignatureValues(expiry, new BlobContainerSasPermission().setCreatePermission(true)
                        .setWritePermission(true))));
        config.put("deadlineSeconds", 60);
        try {
            JsonNode report = client.run(script, config, Files.createTempDirectory("foreign-client-"),
                    Duration.ofMinutes(3));
            assertThat(report.path("fatal").isMissingNode()).as("the script's own crash: %s", report.path("fatal"))
                    .isTrue();
            return new ForeignClientRun(emulator, output, report);
        } catch (Exception | AssertionError e) {
            emulator.close();
            throw e;
        }
    }

    @Override
    public void close() {
        emulator.close();
    }

    /** A step's parsed value; fails naming the step and what the client threw when it did not succeed. */
    JsonNode value(String step) {
        JsonNode s = steps.path(step);
        assertThat(s.path("ok").asBoolean()).as("step %s: %s", step, s).isTrue();
        return s.path("value");
    }

    /** The error a step threw, as the client parsed it. */
    JsonNode error(String step) {
        JsonNode s = steps.path(step);
        assertThat(s.path("ok").asBoolean(true)).as("step %s should have failed: %s", step, s).isFalse();
        return s.path("error");
    }

    /** Asserts the client parsed the service's error: status, code, message (with its request id and time). */
    void assertServiceError(String step, int status, String code, String messageStart) {
        JsonNode e = error(step);
        assertThat(e.path("statusCode").asInt()).as("%s status: %s", step, e).isEqualTo(status);
        assertThat(e.path("code").asText()).as("%s code", step).isEqualTo(code);
        assertThat(e.path("messageLang").asText()).isEqualTo("en-US");
        assertThat(e.path("messageValue").asText()).as("%s message", step).startsWith(messageStart)
                .contains("\nRequestId:").contains("\nTime:");
    }

    /** The texts of an array's elements, or of one field of each. */
    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }
}
