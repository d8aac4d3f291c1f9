package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.TranscodeSession;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.CleanupPolicy;
import io.github.batchtranscode.model.FileResult;
import io.github.batchtranscode.model.FileStatus;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.TranscodeReport;
import io.github.batchtranscode.model.TranscodeRequest;
import io.github.batchtranscode.testkit.azurite.Azurite;
import io.github.batchtranscode.testkit.azurite.AzuriteTokens;
import io.github.batchtranscode.testkit.azurite.SelfSignedCertificate;
import io.github.batchtranscode.testkit.batch.BatchEmulator;
import io.github.batchtranscode.testkit.media.SampleMedia;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Microsoft Entra ID end to end on Azure Batch (the emulator in bearer mode, driven by the real azure-batch
 * client) with media in Blob Storage (Azurite over HTTPS with a certificate the test makes, {@code --oauth basic}):
 * a caller's storage client holding only a {@code TokenCredential} lists, signs user-delegation SAS for the tasks
 * and never moves media itself; with {@code nodeIdentity} the tasks get no SAS at all and the nodes use the pool's
 * managed identity. The emulated nodes trust the test's certificate the way a node image's CA bundle would.
 */
class BlobEntraAzureIT {
    private static final SampleMedia MEDIA = SampleMedia.create();
    private static final String IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/"
            + "media/providers/Microsoft.ManagedIdentity/userAssignedIdentities/transcoder";
    private static final Pattern UNREDACTED_SIG = Pattern.compile("(?i)sig=(?!REDACTED)[^&\\s\"']+");
    private static final AtomicInteger SEQ = new AtomicInteger();
    @TempDir
    static Path shared;
    private static Azurite azurite;
    private static SelfSignedCertificate cert;
    @TempDir
    Path tmp;
    private AzureHarness azure;
    private final String suffix = ProcessHandle.current().pid() + "x" + SEQ.incrementAndGet();

    @BeforeAll
    static void startAzurite() throws Exception {
        cert = SelfSignedCertificate.create(shared.resolve("tls"));
        azurite = Azurite.builder().https(cert).oauth().debugLog(shared.resolve("azurite-debug.log")).start();
    }

    @AfterEach
    void closeHarness() {
        if (azure != null) {
            azure.close();
        }
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void aTokenCredentialAloneRunsBlobToBlobOnBatchWithUserDelegationSasAndLeaksNoSecret() throws Exception {
        RecordingTokens storageTokens = new RecordingTokens();
        DelegationKeys keys = new DelegationKeys();
        BlobServiceClient blobs = client(storageTokens, keys);
        List<String> sources = uploadClips(blobs);
        String batchToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.batch-" + suffix + "-" + System.nanoTime();
        azure = AzureHarness.start(azurite, b -> b.acceptBearerTokens(batchToken::equals)
                .trustCertificate(certificate()));
        TokenCredential batchCredential = r -> Mono.just(new AccessToken(batchToken, OffsetDateTime.now().plusHours(1)));
        AzureOptions options = azure.options().batchAccount(azure.emulator.endpoint(), AzureHarness.ACCOUNT,
                batchCredential).blobServiceClient(blobs).cleanup(CleanupPolicy.keepAll()).build();
        AzureHarness.Phases phases = new AzureHarness.Phases();
        long logStart = Files.size(azurite.debugLog());
        TranscodeReport[] result = new TranscodeReport[1];

        String stderr = captureStderr(() -> result[0] = azure.session(options).submit(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.parse(azurite.blobEndpoint() + "/" + source() + "/raw"))
                .outputBlobs(BlobLocation.of(destination(), "mp3")).build(), phases).await(AzureHarness.WAIT));
        TranscodeReport report = result[0];

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(report.files()).extracting(FileResult::input).containsExactlyInAnyOrderElementsOf(sources);
        assertThat(report.files()).extracting(FileResult::outputBlob)
                .containsExactlyInAnyOrder("mp3/x/LowPriVMs-1.mp3", "mp3/y/deeper/LowPriVMs-2.mp3");
        Path one = tmp.resolve("check/one.mp3");
        Files.createDirectories(one.getParent());
        blobs.getBlobContainerClient(destination()).getBlobClient("mp3/y/deeper/LowPriVMs-2.mp3")
                .downloadToFile(one.toString(), true);
        assertThat(MEDIA.durationSeconds(one)).hasValueCloseTo(2.0, Offset.offset(0.3));
        assertThat(phases.messages()).contains("This process moved 0 byte(s) of media: the tasks read the source"
                + " blobs and wrote the outputs directly");
        // Batch: bearer tokens only
        var stats = azure.emulator.stats();
        assertThat(stats.authorizationScheme("Bearer")).isEqualTo(stats.totalRequests()).isPositive();
        // Storage: the library asked for a user delegation key and used no shared key anywhere
        assertThat(keys.values()).as("user delegation keys the service gave").isNotEmpty();
        String azuriteLog = Files.readString(azurite.debugLog()).substring((int) logStart);
        assertThat(azuriteLog).contains("Bearer").doesNotContain("SharedKey ");
        // what the emulator received: per source blob a read-only user-delegation SAS, write-only ones for outputs
        List<CloudTask> tasks = azure.batch().tasks(report.jobId(), null, null);
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            for (ResourceFile rf : t.resourceFiles()) {
                Map<String, String> q = query(rf.httpUrl());
                assertThat(q).as(rf.filePath()).containsKeys("skoid", "sktid", "skt", "ske", "sig")
                        .containsEntry("sp", "r").containsEntry("sr", "b").containsEntry("spr", "https");
                assertThat(rf.identityReference()).isNull();
            }
            assertThat(t.resourceFiles()).filteredOn(rf -> rf.filePath().equals(NodeScript.INPUT_FILE))
                    .singleElement().satisfies(rf -> assertThat(URI.create(rf.httpUrl()).getPath())
                            .startsWith("/" + Azurite.ACCOUNT_NAME + "/" + source() + "/raw/"));
            for (OutputFile of : t.outputFiles()) {
                Map<String, String> q = query(of.destination().container().containerUrl());
                assertThat(q).containsKeys("skoid", "sig").containsEntry("sp", "cw").containsEntry("sr", "c");
            }
            assertThat(t.outputFiles()).anySatisfy(of -> assertThat(of.destination().container().containerUrl())
                    .contains("/" + destination() + "?"));
        });
        // no secret in the report, its text, or any log line of the run
        String seen = stderr + "\n" + report.toJson() + "\n" + report + "\n" + options + "\n" + phases.messages();
        assertThat(UNREDACTED_SIG.matcher(seen).results().map(java.util.regex.MatchResult::group).toList()).isEmpty();
        assertThat(seen).doesNotContain(batchToken).doesNotContain("skoid=");
        assertThat(keys.values()).allSatisfy(k -> assertThat(seen).doesNotContain(k));
        assertThat(storageTokens.issued()).isNotEmpty().allSatisfy(t -> assertThat(seen).doesNotContain(t));
    }

    @Test
    void anIdentityRefusedAUserDelegationKeyFailsTheRunBeforeAnyJobNamingTheAccountAndTheRole() throws Exception {
        RecordingTokens storageTokens = new RecordingTokens();
        uploadClips(client(new AzuriteTokens(), new DelegationKeys()));
        RefusingStorage network = new RefusingStorage(new JdkHttpClientBuilder(HttpClient.newBuilder()
                .sslContext(cert.sslContext())).build(), RefusingStorage::delegationKey);
        BlobServiceClient blobs = new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint())
                .credential(storageTokens).httpClient(network).buildClient();
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate()));
        AzureOptions options = azure.options().blobServiceClient(blobs).build();
        AzureHarness.Phases phases = new AzureHarness.Phases();
        Throwable[] thrown = new Throwable[1];

        String stderr = captureStderr(() -> thrown[0] = org.assertj.core.api.Assertions.catchThrowable(() ->
                azure.session(options).submit(TranscodeRequest.builder().inputBlobs(BlobLocation.of(source(), "raw"))
                        .outputBlobs(BlobLocation.of(destination(), "mp3")).build(), phases)
                        .await(AzureHarness.WAIT)));

        assertThat(network.refused()).as("the key was asked for and refused").isPositive();
        assertThat(thrown[0]).isInstanceOf(io.github.batchtranscode.StagingException.class)
                .hasMessageContaining("storage account " + azurite.blobEndpoint())
                .hasMessageContaining("HTTP 403 AuthorizationPermissionMismatch")
                .hasMessageContaining("'Storage Blob Delegator' role").hasMessageContaining("generateUserDelegationKey");
        io.github.batchtranscode.StagingException e = (io.github.batchtranscode.StagingException) thrown[0];
        assertThat(e.httpStatus()).hasValue(403);
        assertThat(e.errorCode()).hasValue("AuthorizationPermissionMismatch");
        // before any work on Batch: no pool, no job, no task
        assertNothingOnBatch();
        assertThat(blobs.getBlobContainerClient(destination()).exists()
                && blobs.getBlobContainerClient(destination()).listBlobs().stream()
                .anyMatch(b -> b.getName().endsWith(".mp3"))).as("no output").isFalse();
        // no bearer token in the error (its whole chain), the log or the phase messages
        StringBuilder chain = new StringBuilder();
        for (Throwable t = thrown[0]; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        String seen = chain + "\n" + stderr + "\n" + phases.messages() + "\n" + options;
        assertThat(storageTokens.issued()).as("the tokens the client sent").isNotEmpty()
                .allSatisfy(t -> assertThat(seen).doesNotContain(t));
        assertThat(seen).doesNotContain("Bearer ey");
    }

    @Test
    void withATokenAMissingContainerAndAnEmptyPrefixFailBeforeAnyPoolOrJobNamingThem() throws Exception {
        BlobServiceClient blobs = client(new AzuriteTokens(), new DelegationKeys());
        uploadClips(blobs);
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate()));
        TranscodeSession session = azure.session(azure.options().blobServiceClient(blobs).build());

        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of("entra-none-" + suffix, "raw"))
                .outputBlobs(BlobLocation.of(destination())).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("container 'entra-none-" + suffix + "'").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> session.transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(source(), "Raw")).outputBlobs(BlobLocation.of(destination())).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no blob in container '" + source() + "' below prefix 'Raw/'");
        assertNothingOnBatch();
    }

    @Test
    void anIdentityThatMayNotListTheSourceFailsBeforeAnyPoolOrJobNamingTheContainer() throws Exception {
        AzuriteTokens tokens = new AzuriteTokens();
        uploadClips(client(tokens, new DelegationKeys()));
        BlobServiceClient blobs = refusing(tokens, RefusingStorage.listing(source()));
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate()));

        assertThatThrownBy(() -> azure.session(azure.options().blobServiceClient(blobs).build())
                .transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of(source(), "raw"))
                        .outputBlobs(BlobLocation.of(destination(), "mp3")).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("may not list container '" + source() + "'")
                .hasMessageContaining("HTTP 403 AuthorizationPermissionMismatch")
                .hasMessageContaining("'Storage Blob Data Reader'");
        assertNothingOnBatch();
    }

    @Test
    void anIdentityThatMayNotWriteTheDestinationFailsBeforeAnyPoolOrJobNamingTheContainer() throws Exception {
        AzuriteTokens tokens = new AzuriteTokens();
        BlobServiceClient owner = client(tokens, new DelegationKeys());
        uploadClips(owner);
        owner.getBlobContainerClient(destination()).createIfNotExists();
        BlobServiceClient blobs = refusing(tokens, RefusingStorage.writes(destination()));
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate()));

        assertThatThrownBy(() -> azure.session(azure.options().blobServiceClient(blobs).build())
                .transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of(source(), "raw"))
                        .outputBlobs(BlobLocation.of(destination(), "mp3")).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("may not write blob 'mp3/.batch-transcode-write-check-")
                .hasMessageContaining("container '" + destination() + "'")
                .hasMessageContaining("'Storage Blob Data Contributor'");
        assertNothingOnBatch();
        assertThat(owner.getBlobContainerClient(destination()).listBlobs().stream().toList()).isEmpty();
    }

    private void assertNothingOnBatch() {
        var stats = azure.emulator.stats();
        for (String op : List.of("Pool_Add", "Job_Add", "Task_Add", "Task_AddCollection")) {
            assertThat(stats.operation(op).requests()).as(op).isZero();
        }
    }

    private static BlobServiceClient refusing(TokenCredential tokens,
            java.util.function.Predicate<com.azure.core.http.HttpRequest> refused) throws Exception {
        return new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).credential(tokens)
                .httpClient(new RefusingStorage(new JdkHttpClientBuilder(HttpClient.newBuilder()
                        .sslContext(cert.sslContext())).build(), refused)).buildClient();
    }

    @Test
    void withANodeIdentityTheTasksGetNoSasAndTheNodesUseThePoolsIdentity() throws Exception {
        DelegationKeys keys = new DelegationKeys();
        BlobServiceClient blobs = client(new AzuriteTokens(), keys);
        uploadClips(blobs);
        AzuriteTokens nodeTokens = new AzuriteTokens();
        String poolId = "ident-" + suffix;
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate())
                .poolIdentity(poolId, IDENTITY, () -> nodeTokens.getToken(new TokenRequestContext()
                        .addScopes("https://storage.azure.com/.default")).block().getToken()));
        PoolSpec pool = PoolSpec.builder().id(poolId).spotNodes(2).build();
        AzureOptions options = azure.options().pool(pool).blobServiceClient(blobs).nodeIdentity(IDENTITY)
                .cleanup(CleanupPolicy.keepAll()).build();
        TranscodeRequest request = TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(source(), "raw")).outputBlobs(BlobLocation.of(destination(), "mp3"))
                .build();

        // The Batch API cannot give a pool an identity: the library does not create one that would lack it
        assertThatThrownBy(() -> azure.session(options).transcode(request))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(poolId)
                .hasMessageContaining(IDENTITY).hasMessageContaining("Azure Resource Manager");
        assertThat(azure.batch().pool(poolId)).isEmpty();
        // as Resource Manager would: the pool is made with the identity (the emulator gives it to this pool id)
        new PoolManager(azure.batch(), pool).ensure(() -> { });

        TranscodeReport report = azure.session(options).transcode(request);

        assertThat(report.allSucceeded()).as(report.toJson()).isTrue();
        assertThat(blobs.getBlobContainerClient(destination()).getBlobClient("mp3/y/deeper/LowPriVMs-2.mp3")
                .getProperties().getBlobSize()).isPositive();
        List<CloudTask> tasks = azure.batch().tasks(report.jobId(), null, null);
        assertThat(azure.batch().job(report.jobId()).orElseThrow().jobPreparationTask().resourceFiles())
                .as("the script and arguments, once per node").hasSize(2).allSatisfy(rf -> {
                    assertThat(rf.httpUrl()).as("no SAS").doesNotContain("?");
                    assertThat(rf.identityReference().resourceId()).isEqualTo(IDENTITY);
                });
        assertThat(tasks).hasSize(2).allSatisfy(t -> {
            assertThat(t.resourceFiles()).hasSize(1).allSatisfy(rf -> {
                assertThat(rf.httpUrl()).as("no SAS").doesNotContain("?");
                assertThat(rf.identityReference().resourceId()).isEqualTo(IDENTITY);
            });
            // the output, stdout on completion and stderr on failure
            assertThat(t.outputFiles()).hasSize(3).allSatisfy(of -> {
                assertThat(of.destination().container().containerUrl()).as("no SAS").doesNotContain("?");
                assertThat(of.destination().container().identityReference().resourceId()).isEqualTo(IDENTITY);
            });
        });
        assertThat(keys.values()).as("no user delegation key was needed").isEmpty();
        // 2 tasks × (3 downloads + at least the result and log uploads), each with a token of the identity
        assertThat(nodeTokens.issued()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aPoolWithoutTheNamedIdentityIsRefusedBeforeAnyTaskIsAdded() throws Exception {
        BlobServiceClient blobs = client(new AzuriteTokens(), new DelegationKeys());
        uploadClips(blobs);
        String poolId = "noident-" + suffix;
        azure = AzureHarness.start(azurite, b -> b.trustCertificate(certificate())
                .poolIdentity(poolId, IDENTITY.replace("transcoder", "someone-else"), () -> "unused"));
        PoolSpec pool = PoolSpec.builder().id(poolId).spotNodes(1).build();
        new PoolManager(azure.batch(), pool).ensure(() -> { });

        assertThatThrownBy(() -> azure.session(azure.options().pool(pool).blobServiceClient(blobs)
                .nodeIdentity(IDENTITY).build()).transcode(TranscodeRequest.builder()
                .inputBlobs(BlobLocation.of(source(), "raw")).outputBlobs(BlobLocation.of(destination())).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pool " + poolId + " does not have the user-assigned identity " + IDENTITY)
                .hasMessageContaining("someone-else");
        assertThat(azure.emulator.stats().operation("Task_AddCollection").requests()).isZero();
    }

    @Test
    void nodesThatDoNotTrustTheCertificateFailTheDownloadNamingIt() throws Exception {
        BlobServiceClient blobs = client(new AzuriteTokens(), new DelegationKeys());
        uploadClips(blobs);
        azure = AzureHarness.start(azurite); // no trustCertificate: the nodes know only the JDK's authorities

        TranscodeReport report = azure.session(azure.options().blobServiceClient(blobs).build())
                .transcode(TranscodeRequest.builder().inputBlobs(BlobLocation.of(source(), "raw"))
                        .outputBlobs(BlobLocation.of(destination(), "mp3")).build());

        assertThat(report.files()).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(FileStatus.FAILED);
            assertThat(r.error()).contains("Downloading https://127.0.0.1:").contains("SSLHandshakeException");
        });
        assertThat(blobs.getBlobContainerClient(destination()).exists()
                && blobs.getBlobContainerClient(destination()).listBlobs().stream()
                .anyMatch(b -> b.getName().endsWith(".mp3"))).isFalse();
    }

    private String source() {
        return "entra-src-" + suffix;
    }

    private String destination() {
        return "entra-dst-" + suffix;
    }

    private List<String> uploadClips(BlobServiceClient blobs) throws Exception {
        var media = blobs.getBlobContainerClient(source());
        media.createIfNotExists();
        List<Path> clips = MEDIA.tutorialClips(tmp.resolve("clips"), 2, Duration.ofSeconds(2));
        List<String> names = List.of("raw/x/LowPriVMs-1.mp4", "raw/y/deeper/LowPriVMs-2.mp4");
        for (int i = 0; i < names.size(); i++) {
            media.getBlobClient(names.get(i)).uploadFromFile(clips.get(i).toString(), true);
        }
        return names;
    }

    private static java.security.cert.X509Certificate certificate() {
        try {
            return cert.certificate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BlobServiceClient client(TokenCredential tokens, HttpPipelinePolicy spy) throws Exception {
        return new BlobServiceClientBuilder().endpoint(azurite.blobEndpoint()).credential(tokens).addPolicy(spy)
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(cert.sslContext())).build())
                .buildClient();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        assertThat(raw).as("the query of " + url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?')))
                .isNotNull();
        for (String kv : raw.split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
        }
        return q;
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body} while every line written to System.err (slf4j-simple's log) is copied. */
    private static String captureStderr(Body body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }

    /** Azurite's tokens, remembering each one issued so the test can look for it where it must not be. */
    private static final class RecordingTokens implements TokenCredential {
        private final AzuriteTokens tokens = new AzuriteTokens();
        private final List<String> issued = new CopyOnWriteArrayList<>();

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return tokens.getToken(request).doOnNext(t -> issued.add(t.getToken()));
        }

        List<String> issued() {
            return issued;
        }
    }

    /** Records the value of every user delegation key the service hands the client (the secret SAS are signed with). */
    private static final class DelegationKeys implements HttpPipelinePolicy {
        private static final Pattern VALUE = Pattern.compile("<Value>([^<]+)</Value>");
        private final List<String> values = new CopyOnWriteArrayList<>();

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            boolean key = String.valueOf(context.getHttpRequest().getUrl().getQuery()).contains("comp=userdelegationkey");
            return next.process().map(r -> {
                if (!key) {
                    return r;
                }
                HttpResponse buffered = r.buffer();
                Matcher m = VALUE.matcher(buffered.getBodyAsString().block());
                if (m.find()) {
                    values.add(m.group(1));
                }
                return buffered;
            });
        }

        List<String> values() {
            return values;
        }
    }
}
