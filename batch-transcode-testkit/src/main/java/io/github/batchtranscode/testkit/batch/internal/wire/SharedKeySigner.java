package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.internal.http.HttpHeaders;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Batch SharedKey scheme as the service checks it: string-to-sign, HMAC-SHA256 and the constant-time check of
 * an {@code Authorization: SharedKey ACCOUNT:SIG} header. Query names and values are URL-decoded once, as the
 * documented scheme, the Python SDK ({@code parse_qs}) and the JavaScript SDK ({@code url-parse}) do; the Java
 * SDK 11.2.0 decodes twice, so its signature over a value holding {@code %2B} or {@code %25} is refused, as the
 * service refuses it (see the testkit's CONTRACT-NOTES.md). Stateless and thread-safe.
 */
public final class SharedKeySigner {
    private static final List<String> STANDARD = List.of("Content-Encoding", "Content-Language", "Content-Length",
            "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match",
            "If-Unmodified-Since", "Range");

    private SharedKeySigner() {
    }

    /**
     * The string the client signed for this request.
     *
     * @param method      the HTTP method
     * @param rawPath     the percent-encoded path as sent, e.g. {@code /jobs/j1/tasks/t1/files/wd%2Fx.txt}
     * @param rawQuery    the raw query without {@code ?}, or null
     * @param headers     the request headers
     * @param accountName the account name (lower-cased here)
     */
    public static String stringToSign(String method, String rawPath, String rawQuery, HttpHeaders headers,
                                      String accountName) {
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String name : STANDARD) {
            String v = headers.first(name);
            sb.append(v == null ? "" : v).append('\n');
        }
        TreeMap<String, String> ocp = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.all()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ocp-")) {
                ocp.putIfAbsent(name, h.getValue().replace('\r', ' ').replace('\n', ' ').stripLeading());
            }
        }
        ocp.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        sb.append('/').append(accountName.toLowerCase(Locale.ROOT)).append('/').append(path);
        queryParameters(rawQuery).forEach((k, v) -> sb.append('\n').append(k).append(':').append(v));
        return sb.toString();
    }

    /**
     * The string the Python SDK ({@code azure-batch} {@code SharedKeyAuth}) signs for the same request: the path
     * with {@code %2F} and {@code %5C} turned into {@code /}, and query parameters with empty values left out.
     */
    static String pythonStringToSign(String method, String rawPath, String rawQuery, HttpHeaders headers,
                                     String accountName) {
        String path = rawPath.replace("%2F", "/").replace("%2f", "/").replace("%5C", "/").replace("%5c", "/");
        StringBuilder query = new StringBuilder();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1) {
                query.append(query.length() == 0 ? "" : "&").append(pair);
            }
        }
        return stringToSign(method, path, query.toString(), headers, accountName);
    }

    /** Query parameters by lower-cased name, sorted; names and values URL-decoded once; the last repeat wins. */
    private static TreeMap<String, String> queryParameters(String rawQuery) {
        TreeMap<String, String> params = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = formDecode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            params.put(key, eq < 0 ? "" : formDecode(pair.substring(eq + 1)));
        }
        return params;
    }

    /** Base64 HMAC-SHA256 of {@code stringToSign} under {@code key}. */
    public static String sign(String stringToSign, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the request carries a valid SharedKey signature for this account and key. */
    public static boolean verify(HttpRequest request, String accountName, byte[] key) {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("SharedKey ")) {
            return false;
        }
        String credential = auth.substring("SharedKey ".length()).trim();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0 || !credential.substring(0, colon).equalsIgnoreCase(accountName)) {
            return false;
        }
        byte[] given = credential.substring(colon + 1).getBytes(StandardCharsets.US_ASCII);
        String standard = stringToSign(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                accountName);
        String python = pythonStringToSign(request.method(), request.rawPath(), request.rawQuery(),
                request.headers(), accountName);
        boolean ok = MessageDigest.isEqual(sign(standard, key).getBytes(StandardCharsets.US_ASCII), given);
        ok |= !python.equals(standard)
                && MessageDigest.isEqual(sign(python, key).getBytes(StandardCharsets.US_ASCII), given);
        return ok;
    }

    /** Decodes {@code %XX} only, leaving {@code +} alone (a path segment). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out[n++] = (byte) (hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out[n++] = in[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
