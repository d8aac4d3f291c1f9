package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/** Builds responses in the service's shapes: JSON entities, created/accepted answers and error bodies. */
public final class Replies {
    private Replies() {
    }

    static HttpResponse json(int status, JsonNode body) {
        return HttpResponse.of(status).body(BatchJson.bytes(body), BatchJson.CONTENT_TYPE);
    }

    static HttpResponse entity(JsonNode body, String etag, Instant lastModified) {
        return json(200, body).header("ETag", etag).header("Last-Modified", Times.rfc1123(lastModified));
    }

    /** 201 with ETag, Last-Modified, Location and DataServiceId pointing at the new entity. */
    static HttpResponse created(String url, String etag, Instant lastModified) {
        return HttpResponse.of(201).header("ETag", etag).header("Last-Modified", Times.rfc1123(lastModified))
                .header("Location", url).header("DataServiceId", url);
    }

    /** A body-less answer with ETag, Last-Modified and DataServiceId, as update and terminate send. */
    static HttpResponse changed(int status, String url, String etag, Instant lastModified) {
        return HttpResponse.of(status).header("ETag", etag).header("Last-Modified", Times.rfc1123(lastModified))
                .header("DataServiceId", url);
    }

    static HttpResponse empty(int status) {
        return HttpResponse.of(status);
    }

    /** The service's error body for a failed request (without one for HEAD). */
    public static HttpResponse error(BatchServiceException e, String baseUrl, String requestId, boolean head) {
        HttpResponse r = HttpResponse.of(e.status());
        if (head) {
            return r;
        }
        return r.body(BatchJson.bytes(errorBody(e, baseUrl, requestId)), BatchJson.CONTENT_TYPE);
    }

    static ObjectNode errorBody(BatchServiceException e, String baseUrl, String requestId) {
        ObjectNode o = BatchJson.object();
        if (baseUrl != null) {
            o.put("odata.metadata", baseUrl
                    + "/$metadata#Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element");
        }
        o.put("code", e.code());
        ObjectNode m = o.putObject("message");
        m.put("lang", "en-US");
        m.put("value", e.getMessage() + "\nRequestId:" + requestId + "\nTime:" + Times.iso(Instant.now()));
        if (!e.values().isEmpty()) {
            var values = o.putArray("values");
            for (Map.Entry<String, String> v : e.values().entrySet()) {
                values.addObject().put("key", v.getKey()).put("value", v.getValue());
            }
        }
        return o;
    }
}
