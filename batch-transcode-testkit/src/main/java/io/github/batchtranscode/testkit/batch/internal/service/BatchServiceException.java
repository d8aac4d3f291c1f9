package io.github.batchtranscode.testkit.batch.internal.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** A service error to answer with: status, Batch error code, message and detail values. */
public final class BatchServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> values;

    public BatchServiceException(int status, String code, String message, Map<String, String> values) {
        super(message);
        this.status = status;
        this.code = code;
        this.values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static BatchServiceException of(int status, String code, String message) {
        return new BatchServiceException(status, code, message, null);
    }

    public static BatchServiceException badRequest(String code, String message, String key, String value) {
        Map<String, String> values = new LinkedHashMap<>();
        if (key != null) {
            values.put(key, value == null ? "" : value);
        }
        return new BatchServiceException(400, code, message, values);
    }

    public static BatchServiceException invalidValue(String property, String value, String reason) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PropertyName", property);
        values.put("PropertyValue", String.valueOf(value));
        if (reason != null) {
            values.put("Reason", reason);
        }
        return new BatchServiceException(400, "InvalidPropertyValue",
                "The value provided for one of the properties in the request body is invalid.", values);
    }

    public static BatchServiceException poolNotFound() {
        return of(404, "PoolNotFound", "The specified pool does not exist.");
    }

    public static BatchServiceException jobNotFound() {
        return of(404, "JobNotFound", "The specified job does not exist.");
    }

    public static BatchServiceException taskNotFound() {
        return of(404, "TaskNotFound", "The specified task does not exist.");
    }

    public static BatchServiceException nodeNotFound() {
        return of(404, "NodeNotFound", "The specified node does not exist.");
    }

    public static BatchServiceException fileNotFound() {
        return of(404, "FileNotFound", "The specified file does not exist.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> values() {
        return values;
    }
}
