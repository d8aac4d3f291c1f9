package io.github.batchtranscode.internal.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The network under a storage client, as an Entra ID identity without some data permission meets it: every request
 * goes to Azurite unchanged except those {@code refused} matches, which are answered as the real service answers an
 * identity whose role lacks the action — 403 {@code AuthorizationPermissionMismatch} with the service's XML error
 * body. Azurite's {@code --oauth basic} checks a token's issuer, audience and expiry but has no role assignments, so
 * it allows every operation to any valid token; this stands where the service's authorization would.
 */
final class RefusingStorage implements HttpClient {
    private final HttpClient upstream;
    private final Predicate<HttpRequest> refusedRequests;
    private final AtomicInteger refused = new AtomicInteger();

    RefusingStorage(HttpClient upstream, Predicate<HttpRequest> refused) {
        this.upstream = upstream;
        this.refusedRequests = refused;
    }

    /** Get User Delegation Key: what an identity without {@code generateUserDelegationKey/action} is refused. */
    static boolean delegationKey(HttpRequest r) {
        return query(r).contains("comp=userdelegationkey");
    }

    /** List Blobs of {@code container}: what an identity without {@code containers/blobs/read} is refused. */
    static Predicate<HttpRequest> listing(String container) {
        return r -> r.getHttpMethod() == HttpMethod.GET && query(r).contains("comp=list")
                && r.getUrl().getPath().endsWith("/" + container);
    }

    /** Any write in {@code container}: what an identity without {@code containers/blobs/write} is refused. */
    static Predicate<HttpRequest> writes(String container) {
        return r -> (r.getHttpMethod() == HttpMethod.PUT || r.getHttpMethod() == HttpMethod.DELETE)
                && r.getUrl().getPath().contains("/" + container + "/");
    }

    private static String query(HttpRequest r) {
        return String.valueOf(r.getUrl().getQuery());
    }

    @Override
    public Mono<HttpResponse> send(HttpRequest request) {
        if (!refusedRequests.test(request)) {
            return upstream.send(request);
        }
        refused.incrementAndGet();
        return Mono.just(new Refusal(request));
    }

    /** How many requests were refused. */
    int refused() {
        return refused.get();
    }

    private static final class Refusal extends HttpResponse {
        private final String requestId = UUID.randomUUID().toString();
        private final byte[] body = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error>"
                + "<Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this"
                + " operation using this permission.\nRequestId:" + requestId + "\nTime:2026-12-03T13:00:00.0000000Z"
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);

        Refusal(HttpRequest request) {
            super(request);
        }

        @Override
        public int getStatusCode() {
            return 403;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return getHeaders().getValue(name);
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/xml")
                    .set(HttpHeaderName.CONTENT_LENGTH, String.valueOf(body.length))
                    .set(HttpHeaderName.fromString("x-ms-error-code"), "AuthorizationPermissionMismatch")
                    .set(HttpHeaderName.fromString("x-ms-request-id"), requestId)
                    .set(HttpHeaderName.fromString("x-ms-version"), "2025-11-05");
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(body));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(body);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
            return Mono.just(new String(body, charset));
        }
    }
}
