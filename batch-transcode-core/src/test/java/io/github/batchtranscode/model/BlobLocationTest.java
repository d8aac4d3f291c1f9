package io.github.batchtranscode.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BlobLocationTest {
    @Test
    void accountHostStyleUrlsNameAccountContainerAndPrefix() {
        BlobLocation l = BlobLocation.parse("https://myacct.blob.core.windows.net/media/raw/2024");
        assertThat(l.account()).isEqualTo("myacct");
        assertThat(l.accountUrl()).isEqualTo(URI.create("https://myacct.blob.core.windows.net"));
        assertThat(l.container()).isEqualTo("media");
        assertThat(l.prefix()).isEqualTo("raw/2024/");
        assertThat(l.blobName("a/x.mp3")).isEqualTo("raw/2024/a/x.mp3");
    }

    @Test
    void azuritePathStyleUrlsTakeTheAccountFromThePath() {
        BlobLocation l = BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1/media/raw/");
        assertThat(l.account()).isEqualTo("devstoreaccount1");
        assertThat(l.accountUrl()).isEqualTo(URI.create("http://127.0.0.1:10000/devstoreaccount1"));
        assertThat(l.container()).isEqualTo("media");
        assertThat(l.prefix()).isEqualTo("raw/");
        assertThat(BlobLocation.parse("http://localhost:10000/devstoreaccount1/media").prefix()).isEmpty();
    }

    @Test
    void aUrlWithoutPrefixMeansTheWholeContainer() {
        assertThat(BlobLocation.parse("https://myacct.blob.core.windows.net/media").prefix()).isEmpty();
        assertThat(BlobLocation.parse("https://myacct.blob.core.windows.net/media/").prefix()).isEmpty();
    }

    @Test
    void aUrlCarryingASasIsRefusedWithoutEchoingTheSignature() {
        assertThatThrownBy(() -> BlobLocation.parse("https://myacct.blob.core.windows.net/media/raw?sv=2022-11-02&sig=SECRET"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carries a SAS token").hasMessageContaining("storage settings")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void malformedUrlsSayWhatWasExpected() {
        assertThatThrownBy(() -> BlobLocation.parse("https://myacct.blob.core.windows.net/"))
                .hasMessageContaining("names no container");
        assertThatThrownBy(() -> BlobLocation.parse("http://127.0.0.1:10000/devstoreaccount1"))
                .hasMessageContaining("names no container");
        assertThatThrownBy(() -> BlobLocation.parse("ftp://x/y")).hasMessageContaining("not a blob URL");
        assertThatThrownBy(() -> BlobLocation.parse("https://myacct.blob.core.windows.net/Media/x"))
                .hasMessageContaining("'Media' is not a valid container name");
    }

    @Test
    void containerAndPrefixAreCheckedAtOnce() {
        assertThatThrownBy(() -> BlobLocation.of("ab")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobLocation.of("a--b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobLocation.of("media", "a//b")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BlobLocation.of("media", "a/../b")).hasMessageContaining("'..'");
        assertThat(BlobLocation.of("media", "/a/b/").prefix()).isEqualTo("a/b/");
        assertThat(BlobLocation.of("media", "a").toString()).isEqualTo("media/a/");
    }

    @Test
    void urlsAreToldFromLocalPaths() {
        assertThat(BlobLocation.isUrl("https://a.blob.core.windows.net/c")).isTrue();
        assertThat(BlobLocation.isUrl("HTTP://127.0.0.1:1/d/c")).isTrue();
        assertThat(BlobLocation.isUrl("InputFiles")).isFalse();
    }

    @Test
    void aRequestTakesBlobsAsSourceAndDestination() {
        TranscodeRequest r = TranscodeRequest.builder().inputBlobs(BlobLocation.of("media", "raw"))
                .outputBlobs(BlobLocation.of("media", "mp3")).build();
        assertThat(r.inputDirectory()).isNull();
        assertThat(r.source()).isEqualTo("media/raw/");
        assertThat(r.toBuilder().build().outputBlobs()).isEqualTo(BlobLocation.of("media", "mp3"));
        TranscodeRequest local = r.toBuilder().inputDirectory(Path.of("in")).build();
        assertThat(local.inputBlobs()).as("the last source given wins").isNull();
    }

    @Test
    void outputBlobsInTheSamePlaceAsTheInputsAreRefused() {
        assertThatThrownBy(() -> TranscodeRequest.builder().inputBlobs(BlobLocation.of("media", "raw"))
                .outputBlobs(BlobLocation.of("media", "raw/")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("same place");
    }

    @Test
    void storageSettingsNeverShowTheKey() {
        StorageSettings s = StorageSettings.accountKey("acct", "c2VjcmV0a2V5", null);
        assertThat(s.toString()).doesNotContain("c2VjcmV0a2V5").contains("acct");
        assertThat(StorageSettings.connectionString("AccountName=a;AccountKey=c2VjcmV0a2V5").toString())
                .doesNotContain("c2VjcmV0a2V5");
        assertThatThrownBy(() -> StorageSettings.tokenCredential("http://127.0.0.1:1/a", r -> null))
                .hasMessageContaining("https://");
    }
}
