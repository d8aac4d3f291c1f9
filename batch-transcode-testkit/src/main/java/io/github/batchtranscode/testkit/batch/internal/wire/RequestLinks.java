package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The base URL a request addressed, from its {@code Host} header, as the service builds {@code url},
 * {@code Location}, {@code DataServiceId} and {@code odata.nextLink}: a client behind a proxy or a port-forward
 * pages through the address it used, not the emulator's listening one.
 */
final class RequestLinks {
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(?::\\d{1,5})?");

    private RequestLinks() {
    }

    /** {@code scheme://Host} with the scheme of {@code listening}, or {@code listening} when Host is absent or odd. */
    static String baseUrl(HttpRequest request, String listening) {
        String host = request.header("Host");
        if (host == null || !HOST.matcher(host.trim()).matches()) {
            return listening;
        }
        String scheme = URI.create(listening).getScheme();
        return scheme + "://" + host.trim();
    }
}
