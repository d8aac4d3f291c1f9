package io.github.batchtranscode.internal.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.datatype.joda.JodaModule;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import java.io.IOException;

/**
 * The JSON of {@code Task_AddCollection}, written and read with a plain Jackson mapper instead of the SDK's
 * adapter. A {@link TaskAddParameter} has no flattened properties and no dates, so a plain mapper with the Joda
 * module (for its {@code Period}s) and {@code NON_NULL} writes exactly what the SDK's {@code FlatteningSerializer}
 * does, at a fraction of the cost; {@code TaskJsonWireIT} compares the two on the wire. The SDK also validated every
 * task by reflection before sending it; the properties the service requires are checked here directly.
 */
final class TaskJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JodaModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectWriter TASK = JSON.writerFor(TaskAddParameter.class);
    /**
     * The answer's reader: each result's {@code lastModified} is skipped (nothing here reads it, and parsing 100 Joda
     * dates per answer was a quarter of the fan-out threads' time).
     */
    private static final ObjectReader RESULT = new ObjectMapper()
            .addMixIn(com.microsoft.azure.batch.protocol.models.TaskAddResult.class, StatusOnly.class)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .readerFor(TaskAddCollectionResult.class);

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"lastModified"})
    private abstract static class StatusOnly {
    }

    private TaskJson() {
    }

    /**
     * One task's JSON object, UTF-8.
     *
     * @throws IllegalArgumentException when a property the service requires is missing (a bug: the library builds
     *                                  every task), naming the task and the property
     */
    static byte[] task(TaskAddParameter task) {
        requireProperties(task);
        try {
            return TASK.writeValueAsBytes(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task " + task.id() + " could not be serialized", e);
        }
    }

    /** Parses a {@code Task_AddCollection} answer ({@code value[]} of status, taskId, error). */
    static TaskAddCollectionResult result(byte[] body) throws IOException {
        return RESULT.readValue(body);
    }

    private static void requireProperties(TaskAddParameter t) {
        if (t.id() == null) {
            throw new IllegalArgumentException("a task has no id");
        }
        require(t.commandLine() != null, t, "commandLine");
        if (t.outputFiles() != null) {
            for (OutputFile f : t.outputFiles()) {
                require(f.filePattern() != null, t, "outputFiles.filePattern");
                require(f.destination() != null, t, "outputFiles.destination");
                require(f.uploadOptions() != null && f.uploadOptions().uploadCondition() != null, t,
                        "outputFiles.uploadOptions.uploadCondition");
                require(f.destination().container() == null || f.destination().container().containerUrl() != null,
                        t, "outputFiles.destination.container.containerUrl");
            }
        }
        if (t.environmentSettings() != null) {
            for (EnvironmentSetting s : t.environmentSettings()) {
                require(s.name() != null, t, "environmentSettings.name");
            }
        }
    }

    private static void require(boolean present, TaskAddParameter t, String property) {
        if (!present) {
            throw new IllegalArgumentException("task " + t.id() + " lacks the required property " + property);
        }
    }
}
