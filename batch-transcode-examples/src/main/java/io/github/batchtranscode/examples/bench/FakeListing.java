package io.github.batchtranscode.examples.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Blob Storage that answers only "List Blobs" (flat, 5,000 a page, with {@code NextMarker}) for
 * {@code count} names {@code library/NNN/NNN/clip-NNNNNN.mp4}, for benchmarking the client's listing and planning
 * at a scale Azurite cannot hold in the time available. It checks no signature and serves nothing else; results
 * measured against it are labelled as such.
 */
final class FakeListing implements AutoCloseable {
    private static final int PAGE = 5000;
    private final HttpServer server;
    private final int count;
    private final AtomicInteger pages = new AtomicInteger();

    private FakeListing(HttpServer server, int count) {
        this.server = server;
        this.count = count;
    }

    static FakeListing start(int count) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeListing fake = new FakeListing(server, count);
        server.createContext("/", exchange -> {
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            byte[] body;
            int status = 200;
            if ("list".equals(q.get("comp"))) {
                body = fake.page(q).getBytes(StandardCharsets.UTF_8);
                fake.pages.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
            } else {
                status = 400;
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("x-ms-version", "2025-11-05");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return fake;
    }

    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=ZmFrZQ==;BlobEndpoint=http://127.0.0.1:"
                + server.getAddress().getPort() + "/devstoreaccount1;";
    }

    int pagesServed() {
        return pages.get();
    }

    private String page(Map<String, String> q) {
        int from = q.containsKey("marker") ? Integer.parseInt(q.get("marker")) : 0;
        int to = Math.min(count, from + PAGE);
        StringBuilder xml = new StringBuilder(to - from > 0 ? (to - from) * 220 : 256);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults ServiceEndpoint=\"http://127.0.0.1/\""
                + " ContainerName=\"bench-listing\"><Prefix>").append(q.getOrDefault("prefix", ""))
                .append("</Prefix><MaxResults>").append(PAGE).append("</MaxResults><Blobs>");
        for (int i = from; i < to; i++) {
            xml.append("<Blob><Name>").append(String.format(Locale.ROOT, "library/%03d/%03d/clip-%06d.mp4",
                    i / 10_000, (i / 100) % 100, i)).append("</Name><Properties><Content-Length>1</Content-Length>"
                    + "<Etag>0x8D0000000000").append(i).append("</Etag><BlobType>BlockBlob</BlobType></Properties></Blob>");
        }
        xml.append("</Blobs>");
        xml.append(to < count ? "<NextMarker>" + to + "</NextMarker>" : "<NextMarker/>");
        return xml.append("</EnumerationResults>").toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                q.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
