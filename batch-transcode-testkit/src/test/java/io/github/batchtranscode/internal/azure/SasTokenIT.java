package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.testkit.azurite.Azurite;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No task can outlive its SAS: the job's maximum run time on the Batch service is what is left of the overall
 * timeout when the job is created, and every SAS a task carries expires 30 minutes after the timeout. So the latest
 * moment any task of the job can run — job creation + maximum run time, enforced by the service even when the
 * client is gone — is at least ~30 minutes before the earliest expiry. Checked by decoding {@code se=} of every
 * URL of every task against the job as the service reports it.
 */
class SasTokenIT extends AzureIT {
    @Test
    void everySasOfEveryTaskOutlivesTheLatestMomentTheJobCanRun(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        Path in = tmp.resolve("in");
        AzureHarness.placeholders(in, 3);
        Duration timeout = Duration.ofMinutes(20);
        TranscodeReport report = azure.session(azure.options().jobMaxRunTime(timeout).cleanup(CleanupPolicy.keepAll()).build())
                .transcode(AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build());

        CloudJob job = azure.batch().job(report.jobId()).orElseThrow();
        Duration maxRunTime = Duration.ofMillis(job.constraints().maxWallClockTime().toStandardDuration().getMillis());
        assertThat(maxRunTime).as("the job's maximum run time is the timeout left").isLessThanOrEqualTo(timeout)
                .isGreaterThan(timeout.minusMinutes(1));
        Instant lastRun = Instant.ofEpochMilli(job.creationTime().getMillis()).plus(maxRunTime);
        List<String> urls = new ArrayList<>();
        for (CloudTask t : azure.batch().tasks(report.jobId(), null, "id,resourceFiles,outputFiles")) {
            t.resourceFiles().stream().map(ResourceFile::httpUrl).forEach(urls::add);
            t.outputFiles().forEach(o -> urls.add(o.destination().container().containerUrl()));
        }
        // per task: its source; the output, stdout (on completion) and stderr (on failure); once for the job: the
        // script and the arguments its preparation task downloads to each node
        job.jobPreparationTask().resourceFiles().stream().map(ResourceFile::httpUrl).forEach(urls::add);
        assertThat(urls).hasSize(3 * (1 + 3) + 2);
        Duration slack = null;
        for (String url : urls) {
            Instant expiry = OffsetDateTime.parse(param(url, "se")).toInstant();
            Duration d = Duration.between(lastRun, expiry);
            assertThat(d).as("SAS expiry after the job's last possible moment: " + Redact.url(url))
                    .isGreaterThan(Duration.ofMinutes(29));
            slack = slack == null || d.compareTo(slack) < 0 ? d : slack;
        }
        System.out.printf("SasTokenIT: job may run until %s; the earliest SAS expires %d s later%n", lastRun,
                slack.toSeconds());
    }

    private static String param(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing in the SAS of " + Redact.url(url));
    }
}
