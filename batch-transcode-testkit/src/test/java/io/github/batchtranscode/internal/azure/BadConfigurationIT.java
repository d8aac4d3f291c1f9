package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeJob;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.azurite.AzuriteExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad Azure settings fail with a message that names the setting (or the account, or the directory) and says what
 * to do, never echoing a key; and they fail before anything is uploaded or submitted.
 */
@ExtendWith(AzuriteExtension.class)
class BadConfigurationIT {
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private Path in;

    @BeforeEach
    void start(Azurite azurite) throws Exception {
        azure = AzureHarness.start(azurite, b -> b.simulate(true));
        in = tmp.resolve("in");
        AzureHarness.placeholders(in, 2);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    @Test
    void aMissingOrMalformedEndpointNamesTheSetting() {
        assertThat(catchThrowable(() -> AzureOptions.builder().batchAccount(null, "acct", azure.key)))
                .hasMessageContaining("endpoint").hasMessageNotContaining(azure.key);
        assertThat(catchThrowable(() -> AzureOptions.builder().batchAccount("ftp://x", "acct", azure.key)))
                .hasMessageContaining("endpoint").hasMessageNotContaining(azure.key);
    }

    @Test
    void aKeyThatIsNotBase64NamesTheAccountNotTheKey() {
        String notBase64 = "not*base64*" + azure.key.substring(0, 10);
        Throwable e = catchThrowable(() -> azure.options()
                .batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT, notBase64));
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Batch access key")
                .hasMessageContaining("base64").hasMessageNotContaining(notBase64);
    }

    @Test
    void aWrongKeySaysAuthenticationFailedForWhichAccountWithoutTheKey() throws Exception {
        String wrong = BatchEmulator.randomKey();
        TranscodeJob job = azure.session(azure.options()
                        .batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT, wrong).build())
                .submit(AzureHarness.request(in, tmp.resolve("out")).verifyOutputs(false).build());
        Throwable e = failure(job);
        assertThat(e).isInstanceOf(ConfigurationException.class);
        assertThat(e.getMessage()).contains("authentication failed", "'" + AzureHarness.ACCOUNT + "'", "key")
                .doesNotContain(wrong, azure.key);
        System.out.printf("BadConfigurationIT wrong key: %s%n", e.getMessage());
    }

    @Test
    void aPoolIdTooLongOrWithBadCharactersNamesThePoolId() {
        assertThat(catchThrowable(() -> PoolSpec.builder().id("p".repeat(65))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool id");
        assertThat(catchThrowable(() -> PoolSpec.builder().id("my pool;rm")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool id");
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenFailsBeforeAnythingIsSubmitted() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path out = file.resolve("out"); // under a regular file: no one can create it, not even root
        TranscodeJob job = azure.session().submit(AzureHarness.request(in, out).verifyOutputs(false).build());
        Throwable e = failure(job);
        assertThat(e).isInstanceOf(ConfigurationException.class).hasMessageContaining(out.toString());
        assertThat(azure.emulator.stats().operation("Job_Add").requests()).as("jobs submitted").isZero();
        assertThat(azure.container(azure.inputContainer()).exists()).as("anything uploaded").isFalse();
        System.out.printf("BadConfigurationIT unwritable output: %s%n", e.getMessage());
    }

    private static Throwable failure(TranscodeJob job) throws InterruptedException {
        try {
            job.completion().get(AzureHarness.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            throw new AssertionError("the job did not fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the job did not end", e);
        }
    }
}
