package io.github.batchtranscode.testkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.testkit.batch.internal.wire.SharedKeySigner;
import io.github.batchtranscode.testkit.internal.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Signed Batch requests over a plain socket, for what the SDK cannot express: any header (Host, conditional
 * headers, a stale ocp-date), header names read back with their case, and signatures computed as other SDKs do.
 */
final class RawBatch {
    static final String API = "api-version=2024-07-01.20.0";
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String account;
    private final byte[] key;

    RawBatch(String endpoint, String account, String base64Key) {
        this.endpoint = URI.create(endpoint);
        this.account = account;
        this.key = Base64.getDecoder().decode(base64Key);
    }

    /** An answer: status, headers in the order and case sent, body. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        List<String> headerNames() {
            return headers.stream().map(Map.Entry::getKey).toList();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static String rfc1123(Instant t) {
        return RFC1123.format(t);
    }

    /** A request signed now with the standard (decode-once) scheme. */
    Reply send(String method, String target, String body, String... headerPairs) throws IOException {
        return send(method, target, body, Instant.now(), false, headerPairs);
    }

    /**
     * Sends a request.
     *
     * @param date        the ocp-date to sign and send
     * @param javaStyle   sign query values decoded twice, as the Java SDK 11.2.0 does
     * @param headerPairs extra headers, name then value (a {@code Host} here replaces the real one)
     */
    Reply send(String method, String target, String body, Instant date, boolean javaStyle, String... headerPairs)
            throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders h = new HttpHeaders();
        h.add("client-request-id", java.util.UUID.randomUUID().toString());
        h.add("return-client-request-id", "true");
        h.add("ocp-date", rfc1123(date));
        h.add("Content-Type", body == null ? "application/json; charset=utf-8"
                : "application/json; odata=minimalmetadata; charset=utf-8");
        if (body != null || method.equals("POST") || method.equals("DELETE") || method.equals("PUT")) {
            h.add("Content-Length", Integer.toString(payload.length));
        }
        boolean host = false;
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.add(headerPairs[i], headerPairs[i + 1]);
            host |= headerPairs[i].equalsIgnoreCase("Host");
        }
        if (!host) {
            h.add("Host", endpoint.getHost() + ":" + endpoint.getPort());
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        String toSign = SharedKeySigner.stringToSign(method, path, javaStyle ? javaQuery(query) : query, h, account);
        h.add("Authorization", "SharedKey " + account + ":" + SharedKeySigner.sign(toSign, key));
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            h.all().forEach(e -> head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n"));
            head.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            return read(s.getInputStream(), method.equals("HEAD"));
        }
    }

    /** The query as the Java SDK canonicalizes it before signing: decoded once here so that the signer's own
     * decoding makes it twice. */
    private static String javaQuery(String query) {
        if (query == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            out.add(pair.replace("%2B", "+").replace("%2b", "+"));
        }
        return String.join("&", out);
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        byte[] raw = all.toByteArray();
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, c), lines[i].substring(c + 1).trim()));
        }
        byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Reply(status, List.copyOf(headers), body);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in the answer");
    }
}
