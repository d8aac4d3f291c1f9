package io.github.batchtranscode.testkit.batch;

import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import io.github.batchtranscode.testkit.internal.http.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A tiny in-memory stand-in for Blob Storage's path-style URLs ({@code /account/container/blob}): PUT (requiring
 * {@code x-ms-blob-type: BlockBlob} as Azurite does), GET, and container listing by prefix. Used until Azurite lands.
 */
final class BlobStub implements AutoCloseable {
    private final Map<String, byte[]> blobs = new ConcurrentSkipListMap<>();
    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpServer server;

    BlobStub(String... containers) throws IOException {
        this.containers.addAll(Set.of(containers));
        server = HttpServer.builder().handler(this::handle).name("blob-stub").build().start();
    }

    String containerSasUrl(String container) {
        return server.baseUri() + "/devstoreaccount1/" + container + "?sv=2025-01-05&sr=c&sp=rwl&sig=FAKE";
    }

    String blobSasUrl(String container, String blob) {
        return server.baseUri() + "/devstoreaccount1/" + container + "/" + blob + "?sv=2025-01-05&sr=b&sp=r&sig=FAKE";
    }

    void put(String container, String blob, String content) {
        blobs.put(container + "/" + blob, content.getBytes(StandardCharsets.UTF_8));
    }

    String get(String container, String blob) {
        byte[] b = blobs.get(container + "/" + blob);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    Set<String> names(String container) {
        return blobs.keySet().stream().filter(k -> k.startsWith(container + "/"))
                .map(k -> k.substring(container.length() + 1)).collect(java.util.stream.Collectors.toSet());
    }

    /** Every request seen, as {@code METHOD /path Authorization} (the header as sent, or {@code -}). */
    java.util.List<String> requests() {
        return java.util.List.copyOf(requests);
    }

    /** A blob's URL with no SAS (for an identity's bearer token). */
    String blobUrl(String container, String blob) {
        return server.baseUri() + "/devstoreaccount1/" + container + "/" + blob;
    }

    /** A container's URL with no SAS. */
    String containerUrl(String container) {
        return server.baseUri() + "/devstoreaccount1/" + container;
    }

    private HttpResponse handle(HttpRequest r) {
        String auth = r.header("Authorization");
        requests.add(r.method() + " " + r.rawPath() + " " + (auth == null ? "-" : auth));
        String path = HttpRequest.decode(r.rawPath()).substring("/devstoreaccount1/".length());
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        if (!containers.contains(container)) {
            return HttpResponse.of(404).body("<Error><Code>ContainerNotFound</Code></Error>", "application/xml");
        }
        if (slash < 0 && "list".equals(r.queryParameters().get("comp"))) {
            String prefix = r.queryParameters().getOrDefault("prefix", "");
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Blobs>");
            names(container).stream().sorted().filter(n -> n.startsWith(prefix))
                    .forEach(n -> xml.append("<Blob><Name>").append(n).append("</Name></Blob>"));
            return HttpResponse.of(200).body(xml.append("</Blobs><NextMarker/></EnumerationResults>").toString(),
                    "application/xml");
        }
        String key = path;
        return switch (r.method()) {
            case "PUT" -> {
                if (!"BlockBlob".equals(r.header("x-ms-blob-type"))) {
                    yield HttpResponse.of(400);
                }
                blobs.put(key, r.body());
                yield HttpResponse.of(201);
            }
            case "GET" -> {
                byte[] b = blobs.get(key);
                yield b == null ? HttpResponse.of(404) : HttpResponse.of(200).body(b, "application/octet-stream");
            }
            default -> HttpResponse.of(405);
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
