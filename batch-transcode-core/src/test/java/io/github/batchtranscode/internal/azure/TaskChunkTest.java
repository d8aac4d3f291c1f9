package io.github.batchtranscode.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.joda.time.Period;
import org.junit.jupiter.api.Test;

class TaskChunkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chunksHoldAtMostAHundredTasksAndStayUnderTheByteLimit() throws Exception {
        List<TaskAddParameter> tasks = IntStream.range(0, 250).mapToObj(i -> task("t-" + i, 2_000)).toList();
        List<TaskChunk> chunks = all(TaskChunk.chunks(tasks, 100, 100_000));

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.size()).isLessThanOrEqualTo(100);
            assertThat(c.body().length).isLessThan(100_000);
        });
        assertThat(chunks.get(0).size()).as("~2 KB each: 48 fit under 100 KB").isBetween(40, 50);
        assertThat(chunks.stream().flatMap(c -> c.tasks().stream()).map(TaskAddParameter::id).toList())
                .as("every task once, in order").isEqualTo(tasks.stream().map(TaskAddParameter::id).toList());
        assertThat(all(TaskChunk.chunks(tasks.subList(0, 250), 100, FanOut.MAX_BYTES)))
                .extracting(TaskChunk::size).containsExactly(100, 100, 50);
    }

    @Test
    void theBodyIsTheValueArrayOfTheTasksJson() throws Exception {
        List<TaskAddParameter> tasks = List.of(task("a", 10), task("b", 10),
                new TaskAddParameter().withId("c").withCommandLine("/bin/true").withConstraints(new TaskConstraints()
                        .withMaxWallClockTime(Period.minutes(90)).withMaxTaskRetryCount(2)));
        TaskChunk chunk = TaskChunk.chunks(tasks, 100, FanOut.MAX_BYTES).next();

        JsonNode body = JSON.readTree(chunk.body());
        assertThat(body.get("value")).hasSize(3);
        assertThat(body.get("value").get(0).get("id").asText()).isEqualTo("a");
        assertThat(body.get("value").get(2).get("constraints").get("maxWallClockTime").asText()).as("as the SDK writes a Joda Period").isEqualTo("PT90M");
        assertThat(body.get("value").get(2).has("displayName")).as("nulls are left out").isFalse();
        String text = new String(chunk.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"value\":[{").endsWith("}]}");
    }

    @Test
    void halvesKeepTheBytesOfTheirTasks() throws Exception {
        TaskChunk chunk = TaskChunk.chunks(List.of(task("a", 5), task("b", 5), task("c", 5)), 100,
                FanOut.MAX_BYTES).next();

        assertThat(chunk.firstHalf().tasks()).extracting(TaskAddParameter::id).containsExactly("a");
        assertThat(chunk.secondHalf().tasks()).extracting(TaskAddParameter::id).containsExactly("b", "c");
        JsonNode whole = JSON.readTree(chunk.body()).get("value");
        assertThat(JSON.readTree(chunk.secondHalf().body()).get("value").get(1)).isEqualTo(whole.get(2));
    }

    @Test
    void aTaskLargerThanTheLimitGetsAChunkOfItsOwn() {
        List<TaskAddParameter> tasks = List.of(task("small", 10), task("huge", 5_000), task("after", 10));

        assertThat(all(TaskChunk.chunks(tasks, 100, 1_000))).extracting(TaskChunk::size).containsExactly(1, 1, 1);
    }

    @Test
    void aTaskWithoutARequiredPropertyIsRefusedByName() {
        TaskAddParameter noCommand = new TaskAddParameter().withId("no-command");
        TaskAddParameter badOutput = new TaskAddParameter().withId("bad-output").withCommandLine("true")
                .withOutputFiles(List.of(new OutputFile().withFilePattern("*.mp3")));

        assertThatThrownBy(() -> TaskJson.task(noCommand)).hasMessageContaining("no-command")
                .hasMessageContaining("commandLine");
        assertThatThrownBy(() -> TaskJson.task(badOutput)).hasMessageContaining("bad-output")
                .hasMessageContaining("outputFiles.destination");
    }

    @Test
    void answersAreReadWhateverTheCaseOfTheStatusAndWithUnknownProperties() throws Exception {
        var result = TaskJson.result(("{\"odata.metadata\":\"x\",\"value\":[{\"status\":\"Success\",\"taskId\":\"a\","
                + "\"eTag\":\"0x1\",\"lastModified\":\"2026-12-03T10:00:00.1234567Z\"},{\"status\":\"servererror\","
                + "\"taskId\":\"b\",\"error\":{\"code\":\"InternalError\",\"message\":{\"lang\":\"en-US\",\"value\":\"m\"},"
                + "\"values\":[{\"key\":\"k\",\"value\":\"v\"}]}}]}").getBytes(StandardCharsets.UTF_8));

        assertThat(result.value()).hasSize(2);
        assertThat(result.value().get(0).status()).isEqualTo(TaskAddStatus.SUCCESS);
        assertThat(result.value().get(0).taskId()).isEqualTo("a");
        assertThat(result.value().get(0).eTag()).isEqualTo("0x1");
        assertThat(result.value().get(0).lastModified()).as("not read: nothing uses it").isNull();
        assertThat(result.value().get(1).status()).isEqualTo(TaskAddStatus.SERVER_ERROR);
        assertThat(result.value().get(1).error().code()).isEqualTo("InternalError");
        assertThat(result.value().get(1).error().message().value()).isEqualTo("m");
        assertThat(result.value().get(1).error().values().get(0).key()).isEqualTo("k");
    }

    private static TaskAddParameter task(String id, int padding) {
        return new TaskAddParameter().withId(id).withCommandLine("/bin/bash transcode.sh")
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("PAD").withValue("x".repeat(padding))));
    }

    private static List<TaskChunk> all(Iterator<TaskChunk> it) {
        List<TaskChunk> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
