package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapper of the emulator and small helpers over Jackson trees. */
public final class BatchJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String CONTENT_TYPE = "application/json;odata=minimalmetadata";

    private BatchJson() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws BatchServiceException 400 InvalidRequestBody when it is not
     */
    public static ObjectNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw BatchServiceException.badRequest("InvalidRequestBody",
                    "The specified Request Body is not syntactically valid.", "Reason", "the body is not valid JSON");
        }
        throw BatchServiceException.badRequest("InvalidRequestBody",
                "The specified Request Body is not syntactically valid.", "Reason", "the body is not a JSON object");
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a field, or {@code null} when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The required text of a field. @throws BatchServiceException 400 MissingRequiredProperty */
    public static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null || v.isEmpty()) {
            throw BatchServiceException.badRequest("MissingRequiredProperty",
                    "A required property was not specified in the request body.", "PropertyName", field);
        }
        return v;
    }
}
