package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Enum values in the casing the real service writes them, where recordings show it differs from what clients
 * send: the service echoes {@code uploadCondition} as {@code TaskCompletion}, {@code nodeFillType} as
 * {@code Spread}, add-collection results as {@code Success}/{@code ClientError}/{@code ServerError}, and
 * lower-cases {@code vmSize}. Clients that compare strings (not the Java SDK, whose enums ignore case) see the
 * same values as from the service. Every other enum goes out lower-case, as recorded.
 */
final class WireEnums {
    static final String SUCCESS = "Success";
    static final String CLIENT_ERROR = "ClientError";
    static final String SERVER_ERROR = "ServerError";

    private static final Map<String, String> UPLOAD_CONDITION = Map.of("tasksuccess", "TaskSuccess",
            "taskfailure", "TaskFailure", "taskcompletion", "TaskCompletion");
    private static final Map<String, String> NODE_FILL_TYPE = Map.of("spread", "Spread", "pack", "Pack");

    private WireEnums() {
    }

    /** {@code Spread} or {@code Pack} for any casing; other values unchanged. */
    static String nodeFillType(String value) {
        return NODE_FILL_TYPE.getOrDefault(value.toLowerCase(Locale.ROOT), value);
    }

    /** Rewrites {@code uploadOptions.uploadCondition} of each output file in place, as the service echoes them. */
    static void outputFiles(JsonNode outputFiles) {
        if (outputFiles == null || !outputFiles.isArray()) {
            return;
        }
        for (JsonNode f : outputFiles) {
            if (f.get("uploadOptions") instanceof ObjectNode options && options.hasNonNull("uploadCondition")) {
                String v = options.get("uploadCondition").asText();
                options.put("uploadCondition", UPLOAD_CONDITION.getOrDefault(v.toLowerCase(Locale.ROOT), v));
            }
        }
    }
}
