package io.github.batchtranscode.testkit.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorDetail;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.ImageInformation;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.JobPatchOptions;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's rules, one test each, with the real azure-batch client where it can express the request and raw
 * signed HTTP where it cannot: images and VM sizes, conditional headers, request date freshness, the Date header,
 * links from Host, query decoding.
 */
class BatchEmulatorRulesIT {
    private BatchEmulator emulator;
    private BatchClient client;
    private RawBatch raw;

    @BeforeEach
    void start() {
        emulator = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY).nodes(1)
                .simulate(true).start();
        client = TestAccounts.client(emulator.endpoint());
        raw = new RawBatch(emulator.endpoint(), TestAccounts.ACCOUNT, TestAccounts.KEY);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static PoolAddParameter pool(String id, String publisher, String offer, String sku, String agent) {
        return new PoolAddParameter().withId(id).withVmSize("standard_d2s_v5").withTargetDedicatedNodes(1)
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration().withNodeAgentSKUId(agent)
                        .withImageReference(new ImageReference().withPublisher(publisher).withOffer(offer)
                                .withSku(sku).withVersion("latest")));
    }

    private static String detail(BatchErrorException e, String key) {
        return e.body().values().stream().filter(v -> v.key().equals(key)).map(BatchErrorDetail::value)
                .findFirst().orElse(null);
    }

    @Test
    void retiredUbuntuImagesAndAgentsAreRefusedNamingTheRetirement() throws Exception {
        BatchErrorException bionic = catchThrowableOfType(BatchErrorException.class, () -> client.poolOperations()
                .createPool(pool("p1804", "Canonical", "UbuntuServer", "18.04-LTS", "batch.node.ubuntu 18.04")));
        assertThat(bionic.response().code()).isEqualTo(400);
        assertThat(bionic.body().code()).isEqualTo("InvalidPropertyValue");
        assertThat(detail(bionic, "PropertyName")).isEqualTo("nodeAgentSKUId");
        assertThat(detail(bionic, "Reason")).contains("batch.node.ubuntu 18.04", "retired on 2023-05-30",
                "batch.node.ubuntu 24.04");

        BatchErrorException focal = catchThrowableOfType(BatchErrorException.class, () -> client.poolOperations()
                .createPool(pool("p2004", "canonical", "0001-com-ubuntu-server-focal", "20_04-lts",
                        "batch.node.ubuntu 20.04")));
        assertThat(detail(focal, "Reason")).contains("retired on 2025-04-23");
        assertThat(client.poolOperations().listPools()).as("no pool was created").isEmpty();
    }

    @Test
    void supportedImagesAreAcceptedAndAMismatchedAgentIsRefused() throws Exception {
        client.poolOperations().createPool(pool("noble", "canonical", "ubuntu-24_04-lts", "server",
                "batch.node.ubuntu 24.04"));
        client.poolOperations().createPool(pool("jammy", "Canonical", "0001-com-ubuntu-server-jammy", "22_04-LTS",
                "batch.node.ubuntu 22.04"));
        client.poolOperations().createPool(pool("bookworm", "debian", "debian-12", "12", "batch.node.debian 12"));
        BatchErrorException wrongAgent = catchThrowableOfType(BatchErrorException.class, () -> client
                .poolOperations().createPool(pool("mix", "debian", "debian-12", "12", "batch.node.ubuntu 24.04")));
        assertThat(detail(wrongAgent, "Reason")).contains("batch.node.debian 12");
        BatchErrorException unknown = catchThrowableOfType(BatchErrorException.class, () -> client.poolOperations()
                .createPool(pool("odd", "someone", "some-os", "1", "batch.node.ubuntu 24.04")));
        assertThat(detail(unknown, "PropertyName")).isEqualTo("imageReference");
        assertThat(client.poolOperations().listPools()).extracting(p -> p.id())
                .containsExactlyInAnyOrder("noble", "jammy", "bookworm");
    }

    @Test
    void vmSizesAreCheckedAgainstTheListCaseInsensitively() throws Exception {
        PoolAddParameter x = pool("x", "canonical", "ubuntu-24_04-lts", "server", "batch.node.ubuntu 24.04")
                .withVmSize("x");
        BatchErrorException e = catchThrowableOfType(BatchErrorException.class,
                () -> client.poolOperations().createPool(x));
        assertThat(e.response().code()).isEqualTo(400);
        assertThat(e.body().code()).isEqualTo("InvalidPropertyValue");
        assertThat(detail(e, "PropertyName")).isEqualTo("vmSize");
        assertThat(detail(e, "PropertyValue")).isEqualTo("x");
        BatchErrorException retired = catchThrowableOfType(BatchErrorException.class, () -> client.poolOperations()
                .createPool(x.withVmSize("Basic_A1")));
        assertThat(detail(retired, "PropertyName")).isEqualTo("vmSize");

        client.poolOperations().createPool(x.withId("upper").withVmSize("STANDARD_D2S_V5"));
        assertThat(client.poolOperations().getPool("upper").vmSize()).isEqualTo("standard_d2s_v5");
    }

    @Test
    void supportedImagesAreListedFromTheSameList() throws Exception {
        List<ImageInformation> images = client.accountOperations().listSupportedImages();
        assertThat(images).extracting(ImageInformation::nodeAgentSKUId)
                .contains("batch.node.ubuntu 24.04", "batch.node.ubuntu 22.04", "batch.node.debian 12",
                        "batch.node.windows amd64")
                .doesNotContain("batch.node.ubuntu 18.04", "batch.node.ubuntu 20.04");
        assertThat(images).anySatisfy(i -> {
            assertThat(i.imageReference().offer()).isEqualTo("ubuntu-24_04-lts");
            assertThat(i.imageReference().sku()).isEqualTo("server");
        });
        JsonNode filtered = raw.send("GET", "/supportedimages?" + RawBatch.API
                + "&%24filter=nodeAgentSKUId%20eq%20%27batch.node.debian%2012%27", null).json();
        assertThat(filtered.get("value")).isNotEmpty().allSatisfy(i ->
                assertThat(i.get("nodeAgentSKUId").asText()).isEqualTo("batch.node.debian 12"));
    }

    @Test
    void ifMatchWithAStaleEtagIsRefusedWith412AndTheChangeIsNotApplied() throws Exception {
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("none"));
        String stale = client.jobOperations().getJob("j").eTag();
        client.protocolLayer().jobs().patch("j", new JobPatchParameter().withPriority(5));
        String current = client.jobOperations().getJob("j").eTag();
        assertThat(current).isNotEqualTo(stale);

        BatchErrorException e = catchThrowableOfType(BatchErrorException.class, () -> client.protocolLayer().jobs()
                .patch("j", new JobPatchParameter().withPriority(9), new JobPatchOptions().withIfMatch(stale)));
        assertThat(e.response().code()).isEqualTo(412);
        assertThat(e.body().code()).isEqualTo("ConditionNotMet");
        assertThat(client.jobOperations().getJob("j").priority()).isEqualTo(5);

        client.protocolLayer().jobs().patch("j", new JobPatchParameter().withPriority(9),
                new JobPatchOptions().withIfMatch(current));
        assertThat(client.jobOperations().getJob("j").priority()).isEqualTo(9);
    }

    @Test
    void ifNoneMatchWithTheCurrentEtagAnswers304OnPoolsJobsAndTasks() throws Exception {
        client.poolOperations().createPool(TestAccounts.pool("p"));
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("p"));
        client.taskOperations().createTask("j", new com.microsoft.azure.batch.protocol.models.TaskAddParameter()
                .withId("t").withCommandLine("/bin/true"));
        for (String path : List.of("/pools/p", "/jobs/j", "/jobs/j/tasks/t")) {
            RawBatch.Reply first = raw.send("GET", path + "?" + RawBatch.API, null);
            String etag = first.header("ETag");
            RawBatch.Reply again = raw.send("GET", path + "?" + RawBatch.API, null, "If-None-Match", etag);
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(etag);
            assertThat(raw.send("GET", path + "?" + RawBatch.API, null, "If-None-Match", "0x1").status())
                    .as(path + " with another ETag").isEqualTo(200);
        }
    }

    @Test
    void modifiedSinceHeadersFollowLastModified() throws Exception {
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("p"));
        Instant later = Instant.now().plus(Duration.ofMinutes(1));
        Instant earlier = Instant.now().minus(Duration.ofHours(1));
        assertThat(raw.send("GET", "/jobs/j?" + RawBatch.API, null, "If-Modified-Since",
                RawBatch.rfc1123(later)).status()).isEqualTo(304);
        assertThat(raw.send("GET", "/jobs/j?" + RawBatch.API, null, "If-Modified-Since",
                RawBatch.rfc1123(earlier)).status()).isEqualTo(200);
        RawBatch.Reply refused = raw.send("DELETE", "/jobs/j?" + RawBatch.API, null, "If-Unmodified-Since",
                RawBatch.rfc1123(earlier));
        assertThat(refused.status()).isEqualTo(412);
        assertThat(refused.json().get("code").asText()).isEqualTo("ConditionNotMet");
        assertThat(client.jobOperations().getJob("j").state().toString()).isEqualTo("active");
    }

    @Test
    void aRequestDatedMoreThan15MinutesAgoIsRefusedUnlessRelaxed() throws Exception {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        RawBatch.Reply old = raw.send("GET", "/pools?" + RawBatch.API, null, twoHoursAgo, false);
        assertThat(old.status()).isEqualTo(403);
        assertThat(old.json().get("code").asText()).isEqualTo("AuthenticationFailed");
        assertThat(old.json().get("values").get(0).get("value").asText()).contains("too old");
        assertThat(raw.send("GET", "/pools?" + RawBatch.API, null, Instant.now().minus(Duration.ofMinutes(10)),
                false).status()).as("within the window").isEqualTo(200);

        try (BatchEmulator relaxed = BatchEmulator.builder().account(TestAccounts.ACCOUNT, TestAccounts.KEY)
                .locateFfmpeg(false).acceptStaleRequestDates().start()) {
            RawBatch r = new RawBatch(relaxed.endpoint(), TestAccounts.ACCOUNT, TestAccounts.KEY);
            assertThat(r.send("GET", "/pools?" + RawBatch.API, null, twoHoursAgo, false).status()).isEqualTo(200);
        }
    }

    @Test
    void everyAnswerCarriesADateHeader() throws Exception {
        for (RawBatch.Reply r : List.of(raw.send("GET", "/pools?" + RawBatch.API, null),
                raw.send("GET", "/pools/missing?" + RawBatch.API, null))) {
            assertThat(r.headerNames()).contains("Date");
            Instant date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            assertThat(Duration.between(date, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void urlsLocationAndNextLinkUseTheRequestsHost() throws Exception {
        String host = "batch.proxy.example:8443";
        RawBatch.Reply added = raw.send("POST", "/jobs?" + RawBatch.API,
                "{\"id\":\"j\",\"poolInfo\":{\"poolId\":\"p\"}}", "Host", host);
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo("http://" + host + "/jobs/j");
        assertThat(added.header("DataServiceId")).isEqualTo("http://" + host + "/jobs/j");
        raw.send("POST", "/jobs?" + RawBatch.API, "{\"id\":\"k\",\"poolInfo\":{\"poolId\":\"p\"}}");
        JsonNode page = raw.send("GET", "/jobs?" + RawBatch.API + "&maxresults=1", null, "Host", host).json();
        assertThat(page.get("value").get(0).get("url").asText()).startsWith("http://" + host + "/jobs/");
        assertThat(page.get("odata.nextLink").asText()).startsWith("http://" + host + "/jobs?");
        CloudJob viaSdk = client.jobOperations().getJob("j");
        assertThat(viaSdk.url()).as("a client using the listening address sees it").startsWith(emulator.endpoint());
    }

    @Test
    void aFilterWithPlusSignedAsPythonAndJsSdksSignIsAcceptedAsTheServiceDoes() throws Exception {
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("p"));
        String target = "/jobs/j/tasks?" + RawBatch.API + "&%24filter=id%20eq%20%27a%2Bb%27";
        RawBatch.Reply once = raw.send("GET", target, null);
        assertThat(once.status()).as(once.text()).isEqualTo(200);
        assertThat(once.json().get("value")).isEmpty();
        RawBatch.Reply twice = raw.send("GET", target, null, Instant.now(), true);
        assertThat(twice.status()).as("the Java SDK's double-decoded signature, refused as by the service")
                .isEqualTo(403);
    }

    @Test
    void enumsGoOutInTheRecordedCasing() throws Exception {
        client.poolOperations().createPool(TestAccounts.pool("p"));
        client.jobOperations().createJob("j", new PoolInformation().withPoolId("p"));
        String task = "{\"id\":\"%s\",\"commandLine\":\"/bin/true\",\"outputFiles\":[{\"filePattern\":\"x\","
                + "\"destination\":{\"container\":{\"containerUrl\":\"http://127.0.0.1:1/c\"}},"
                + "\"uploadOptions\":{\"uploadCondition\":\"taskcompletion\"}}]}";
        JsonNode results = raw.send("POST", "/jobs/j/addtaskcollection?" + RawBatch.API,
                "{\"value\":[" + String.format(task, "t1") + "," + String.format(task, "t1") + "]}").json();
        assertThat(results.get("value").findValuesAsText("status")).containsExactlyInAnyOrder("Success",
                "ClientError");
        JsonNode t = raw.send("GET", "/jobs/j/tasks/t1?" + RawBatch.API, null).json();
        assertThat(t.get("outputFiles").get(0).get("uploadOptions").get("uploadCondition").asText())
                .isEqualTo("TaskCompletion");
        JsonNode p = raw.send("GET", "/pools/p?" + RawBatch.API, null).json();
        assertThat(p.get("taskSchedulingPolicy").get("nodeFillType").asText()).isEqualTo("Spread");
        assertThat(p.get("state").asText()).isEqualTo("active");
        assertThat(results.get("value").findValues("error").stream().map(e -> e.get("code").asText())
                .collect(Collectors.toList())).containsExactly("TaskExists");
    }
}
