package io.github.batchtranscode.internal.azure;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The requests Azurite's debug log recorded: method, decoded URL without its query (no SAS), User-Agent. */
final class AzuriteRequests {
    private static final Pattern LINE = Pattern.compile(
            "RequestMethod=(\\S+) RequestURL=(\\S+) RequestHeaders:(\\{.*?\\}) ClientIP=");
    private static final Pattern AGENT = Pattern.compile("\"user-agent\":\"([^\"]*)\"");

    record Request(String method, String url, String userAgent) {
    }

    private final List<Request> requests;

    @Override
    public String toString() {
        return requests.size() + " request(s): " + requests.stream().map(r -> r.method() + " " + r.url().replaceAll("sig=[^&]*", "sig=REDACTED") + " (" + r.userAgent().split("/")[0] + ")").toList();
    }

    private AzuriteRequests(List<Request> requests) {
        this.requests = requests;
    }

    /** The requests logged after {@code offset} bytes of the log. */
    static AzuriteRequests read(Path log, long offset) throws IOException {
        List<Request> found = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(offset);
            byte[] rest = new byte[(int) (f.length() - offset)];
            f.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    Matcher a = AGENT.matcher(m.group(3));
                    String url = m.group(2);
                    int q = url.indexOf('?');
                    String path = java.net.URLDecoder.decode(q < 0 ? url : url.substring(0, q), StandardCharsets.UTF_8);
                    found.add(new Request(m.group(1), path, a.find() ? a.group(1) : ""));
                }
            }
        }
        return new AzuriteRequests(found);
    }

    /** Requests with this method whose URL path contains {@code path}. */
    List<Request> matching(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.url().contains(path)).toList();
    }

    /** Requests the Azure SDK (the library's client) sent. */
    List<Request> bySdk() {
        return requests.stream().filter(r -> r.userAgent().contains("azsdk-java")).toList();
    }
}
