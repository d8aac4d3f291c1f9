package io.github.batchtranscode.testkit.batch.internal.node;

import io.github.batchtranscode.testkit.batch.internal.service.PercentEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Moves blobs as a node agent does, over HTTP(S) with SAS URLs or, for an {@code identityReference}, a bearer token
 * of the pool's managed identity: GET a blob, list a container by prefix, PUT a block blob
 * ({@code x-ms-blob-type: BlockBlob}, which Azurite requires). HTTPS trusts what the emulator was configured with
 * (the JDK's CAs plus any extra certificate, like a node image's CA bundle), never anything. Thread-safe. Never logs
 * a query string or a token.
 */
public final class BlobTransfer {
    /** A transfer that failed, with the Batch failure code to report. */
    static final class TransferException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        TransferException(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The Blob service version sent with every request; bearer tokens need 2017-11-09 or later. */
    private static final String VERSION = "2021-08-06";
    private final HttpClient http;
    private final Duration timeout = Duration.ofMinutes(5);
    /** Tries in all for a server error or a failed connection, before the transfer fails. */
    static final int ATTEMPTS = 3;
    private static final java.util.Set<Integer> RETRIED_STATUS = java.util.Set.of(500, 502, 503, 504);

    /** Trusts the JDK's default certificate authorities. */
    public BlobTransfer() {
        this(null);
    }

    /** Trusts what {@code tls} trusts; null for the JDK's defaults. */
    public BlobTransfer(javax.net.ssl.SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.http = b.build();
    }

    void download(String url, Path target) throws TransferException {
        download(url, target, null);
    }

    /** Adds the Blob service version and, when {@code token} is not null, {@code Authorization: Bearer}. */
    private static HttpRequest.Builder auth(HttpRequest.Builder b, String token) {
        b.header("x-ms-version", VERSION);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Downloads a blob; with a {@code token} (an identity's bearer token) instead of a SAS in the URL. */
    void download(String url, Path target, String token) throws TransferException {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            // A name of its own per download: a requeued task's new run and its abandoned run may fetch the same
            // resource file into the same working directory at once.
            Path part = target.resolveSibling(target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
            HttpResponse<Path> r = sendRetrying(auth(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET(),
                    token).build(), HttpResponse.BodyHandlers.ofFile(part, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
            if (r.statusCode() / 100 != 2) {
                Files.deleteIfExists(part);
                throw new TransferException(r.statusCode() == 404 ? "BlobNotFound"
                        : r.statusCode() == 403 ? "BlobAccessDenied" : "BlobDownloadMiscError",
                        "Downloading " + withoutQuery(url) + " failed with HTTP " + r.statusCode());
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (HttpTimeoutException e) {
            throw new TransferException("BlobDownloadTimedOut", "Downloading " + withoutQuery(url) + " timed out");
        } catch (IOException | IllegalArgumentException e) {
            throw new TransferException("BlobDownloadMiscError", "Downloading " + withoutQuery(url) + " failed: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("BlobDownloadMiscError", "interrupted");
        }
    }

    /** Blob names in the container under the prefix, across all list pages. */
    List<String> list(String containerUrl, String prefix) throws TransferException {
        return list(containerUrl, prefix, null);
    }

    /** As {@link #list(String, String)}, with a bearer {@code token} when not null. */
    List<String> list(String containerUrl, String prefix, String token) throws TransferException {
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String url = withQuery(containerUrl, "restype=container&comp=list"
                    + (prefix == null || prefix.isEmpty() ? "" : "&prefix=" + PercentEncoding.encode(prefix))
                    + (marker == null ? "" : "&marker=" + PercentEncoding.encode(marker)));
            try {
                HttpResponse<byte[]> r = sendRetrying(auth(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET(),
                        token).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new TransferException(r.statusCode() == 404 ? "BlobNotFound"
                            : r.statusCode() == 403 ? "BlobAccessDenied" : "BlobDownloadMiscError",
                            "Listing " + withoutQuery(containerUrl) + " failed with HTTP " + r.statusCode());
                }
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(r.body()));
                NodeList blobs = doc.getElementsByTagName("Blob");
                for (int i = 0; i < blobs.getLength(); i++) {
                    NodeList n = ((org.w3c.dom.Element) blobs.item(i)).getElementsByTagName("Name");
                    if (n.getLength() > 0) {
                        names.add(n.item(0).getTextContent());
                    }
                }
                NodeList next = doc.getElementsByTagName("NextMarker");
                marker = next.getLength() > 0 && !next.item(0).getTextContent().isBlank()
                        ? next.item(0).getTextContent() : null;
            } catch (TransferException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransferException("BlobDownloadMiscError", "interrupted");
            } catch (Exception e) {
                throw new TransferException("BlobDownloadMiscError", "Listing " + withoutQuery(containerUrl)
                        + " failed: " + e.getClass().getSimpleName());
            }
        } while (marker != null);
        return names;
    }

    /** The URL of a blob in a container given by its SAS URL. */
    static String blobUrl(String containerUrl, String blobName) {
        int q = containerUrl.indexOf('?');
        String base = q < 0 ? containerUrl : containerUrl.substring(0, q);
        StringBuilder sb = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        for (String seg : blobName.split("/")) {
            sb.append('/').append(PercentEncoding.encode(seg));
        }
        return q < 0 ? sb.toString() : sb.append(containerUrl.substring(q)).toString();
    }

    void upload(String containerUrl, String blobName, byte[] content, Map<String, String> headers, String token)
            throws TransferException {
        send(containerUrl, blobName, HttpRequest.BodyPublishers.ofByteArray(content), headers, token);
    }

    /** Puts a file as a block blob; with a bearer {@code token} when not null. */
    void upload(String containerUrl, String blobName, Path file, Map<String, String> headers, String token)
            throws TransferException {
        try {
            send(containerUrl, blobName, HttpRequest.BodyPublishers.ofFile(file), headers, token);
        } catch (java.io.FileNotFoundException e) {
            throw new TransferException("FileUploadMiscError", "The file to upload vanished: " + file);
        }
    }

    private void send(String containerUrl, String blobName, HttpRequest.BodyPublisher body,
                      Map<String, String> headers, String token) throws TransferException {
        String url = blobUrl(containerUrl, blobName);
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).PUT(body)
                    .header("x-ms-blob-type", "BlockBlob");
            headers.forEach(b::header);
            auth(b, token);
            HttpResponse<String> r = sendRetrying(b.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() / 100 != 2) {
                throw new TransferException(r.statusCode() == 404 ? "FileUploadContainerNotFound"
                        : "FileUploadMiscError", "Uploading to " + withoutQuery(url) + " failed with HTTP "
                        + r.statusCode());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new TransferException("FileUploadMiscError", "Uploading to " + withoutQuery(url) + " failed: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException("FileUploadMiscError", "interrupted");
        }
    }

    private static String withQuery(String url, String extra) {
        return url + (url.indexOf('?') < 0 ? "?" : "&") + extra;
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * Sends a request as a node agent's storage client does: a 500, 502, 503 or 504 answer, or a connection that
     * fails, is tried again, at most {@link #ATTEMPTS} times in all with a short backoff (Azure Storage's guidance is
     * that every client retries server errors; a node agent is such a client). A 4xx answer is final at once.
     * A file body handler must truncate: each attempt writes its body from the start of the same file.
     */
    private <T> HttpResponse<T> sendRetrying(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> r = http.send(request, body);
                if (attempt >= ATTEMPTS || !RETRIED_STATUS.contains(r.statusCode())) {
                    return r;
                }
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
            Thread.sleep(200L << (attempt - 1));
        }
    }
}
