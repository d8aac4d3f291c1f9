package io.github.batchtranscode.testkit.internal.http;

/** Answers one request. Called on a server worker thread, concurrently for different connections. */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Answers a request. An exception thrown here becomes a 500 with an empty body.
     *
     * @return the response; never {@code null}
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
