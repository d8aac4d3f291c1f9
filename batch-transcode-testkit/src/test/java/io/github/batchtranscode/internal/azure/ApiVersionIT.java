package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeException;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import io.github.batchtranscode.testkit.batch.BatchEmulatorStats;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Batch request carries {@code api-version=2025-06-01}, read from the request targets the emulator
 * received over a whole run (staging, pool, job, tasks, monitoring, results, cleanup of job and pool); the emulator
 * answers retired and unknown versions as the service does; {@code AzureOptions.apiVersion} changes what is sent.
 */
@ExtendWith(AzuriteExtension.class)
class ApiVersionIT {
    @TempDir
    Path tmp;
    private AzureHarness azure;

    @AfterEach
    void stop() {
        if (azure != null) {
            azure.close();
        }
    }

    @Test
    void everyRequestOfAFullRunCarriesTheCurrentVersion(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite); // enforces retirement: an old version would fail the run
        SampleMedia.create().tutorialClips(tmp.resolve("in"), 3);

        TranscodeReport report = azure.session(azure.options().cleanup(CleanupPolicy.deleteAll()).build())
                .transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        BatchEmulatorStats stats = azure.emulator.stats();
        assertThat(stats.operation("Pool_Delete").requests()).as("the run reached its cleanup").isEqualTo(1);
        assertThat(stats.totalRequests()).isGreaterThan(10);
        assertThat(stats.requestsByApiVersion()).isEqualTo(Map.of("2025-06-01", stats.totalRequests()));
    }

    @Test
    void theSdksOwnRetiredVersionIsRefusedAsTheServiceRefusesIt(Azurite azurite) {
        azure = AzureHarness.start(azurite);
        BatchClient sdkDefault = BatchClients.sharedKey(azure.emulator.endpoint(), AzureHarness.ACCOUNT, azure.key,
                null, "2024-07-01.20.0");

        Throwable e = catchThrowable(() -> sdkDefault.protocolLayer().pools().list());

        assertThat(e).isInstanceOf(BatchErrorException.class);
        BatchErrorException b = (BatchErrorException) e;
        assertThat(b.response().code()).isEqualTo(400);
        assertThat(b.body().code()).isEqualTo("UnsupportedRequestVersion");
        assertThat(b.body().message().value()).startsWith("The specified request version is not supported.");
        assertThat(azure.emulator.stats().requestsByApiVersion()).containsEntry("2024-07-01.20.0", 1L);
    }

    @Test
    void aRetiredVersionIsServedWhenRetirementIsNotEnforcedAndCounted(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.enforceApiVersionRetirement(false).simulate(true));
        AzureHarness.placeholders(tmp.resolve("in"), 3);

        TranscodeReport report = azure.session(azure.options().apiVersion("2024-07-01.20.0").build())
                .transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build());

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        BatchEmulatorStats stats = azure.emulator.stats();
        assertThat(stats.requestsByApiVersion()).isEqualTo(Map.of("2024-07-01.20.0", stats.totalRequests()));
    }

    @Test
    void anUnknownVersionFailsTheRunNamingTheSetting(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.enforceApiVersionRetirement(false).simulate(true));
        AzureHarness.placeholders(tmp.resolve("in"), 2);

        Throwable e = catchThrowable(() -> azure.session(azure.options().apiVersion("2099-01-01").build())
                .transcode(AzureHarness.request(tmp.resolve("in"), tmp.resolve("out")).verifyOutputs(false).build()));

        assertThat(e).isInstanceOf(TranscodeException.class);
        Throwable cause = e instanceof ConfigurationException ? e : e.getCause();
        assertThat(cause).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("api-version 2099-01-01").hasMessageContaining("AzureOptions.Builder.apiVersion")
                .hasMessageContaining("2025-06-01");
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs created").isZero();
    }
}
