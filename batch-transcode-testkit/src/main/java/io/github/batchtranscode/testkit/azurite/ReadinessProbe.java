package io.github.batchtranscode.testkit.azurite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks whether an Azurite blob service answers: an anonymous "list containers" request must get any HTTP
 * answer (403 is expected) from a server that names itself {@code Azurite-Blob}, so another program that
 * happens to hold the port does not count.
 */
final class ReadinessProbe {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String scheme;
    private final HttpClient http;

    ReadinessProbe() {
        this("http", null);
    }

    /** A probe for {@code scheme} ({@code http} or {@code https}) trusting {@code ssl} (null: the JDK's default). */
    ReadinessProbe(String scheme, javax.net.ssl.SSLContext ssl) {
        this.scheme = scheme;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).version(HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** Whether Azurite answers at {@code http://host:port}; never throws for a refused or failed request. */
    boolean answers(String host, int port) {
        URI uri = URI.create(scheme + "://" + host + ":" + port + "/" + Azurite.ACCOUNT_NAME + "?comp=list");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("Server").orElse("").startsWith("Azurite-Blob");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
