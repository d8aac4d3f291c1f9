package io.github.batchtranscode.testkit.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private final List<HttpRequest> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.builder().handler(r -> {
            seen.add(r);
            if (r.rawPath().equals("/reset")) {
                return HttpResponse.resetConnection();
            }
            return HttpResponse.of(200).header("ETag", "0x1").header("ocp-batch-file-isdirectory", "False")
                    .body(new String(r.body(), StandardCharsets.UTF_8) + "|" + r.rawPath(), "text/plain");
        }).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> exchange(Socket s, String request, int responses) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < responses; i++) {
            int length = 0;
            for (String l = in.readLine(); !l.isEmpty(); l = in.readLine()) {
                lines.add(l);
                if (l.startsWith("Content-Length: ")) {
                    length = Integer.parseInt(l.substring(16));
                }
            }
            boolean head = request.split("\r\n\r\n")[0].startsWith("HEAD") && i == 0;
            char[] body = new char[head ? 0 : length];
            int read = 0;
            while (read < body.length) {
                read += in.read(body, read, body.length - read);
            }
            lines.add("BODY:" + new String(body));
        }
        return lines;
    }

    @Test
    void keepsHeaderCaseRawPathAndServesKeepAliveChunkedAndHead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            List<String> lines = exchange(s, "HEAD /a/b%2Fc?x=1 HTTP/1.1\r\nHost: h\r\n\r\n"
                    + "POST /p HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                    2);
            assertThat(lines).contains("ETag: 0x1", "ocp-batch-file-isdirectory: False", "Content-Type: text/plain",
                    "BODY:", "BODY:abcde|/p");
            assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
        }
        assertThat(seen.get(0).rawPath()).isEqualTo("/a/b%2Fc");
        assertThat(seen.get(0).queryParameters()).containsEntry("x", "1");
        assertThat(seen.get(1).method()).isEqualTo("POST");
    }

    @Test
    void resetsTheConnectionOnDemand() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /reset HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int r;
            try {
                r = s.getInputStream().read();
            } catch (java.net.SocketException e) {
                r = -2;
            }
            assertThat(r).isIn(-1, -2);
        }
    }
}
