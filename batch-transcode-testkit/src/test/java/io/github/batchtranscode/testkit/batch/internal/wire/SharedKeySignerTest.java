package io.github.batchtranscode.testkit.batch.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.testkit.internal.http.HttpHeaders;
import io.github.batchtranscode.testkit.internal.http.HttpRequest;
import java.net.InetAddress;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SharedKeySignerTest {
    private static HttpHeaders listHeaders() {
        return new HttpHeaders().add("x-ms-logging-context", "com.microsoft.azure.batch.protocol.Tasks list")
                .add("client-request-id", "155ec66c-477d-4696-9682-d56d53fd8a36")
                .add("Content-Type", "application/json; charset=utf-8")
                .add("ocp-date", "Sun, 22 Nov 2026 15:39:12 GMT")
                .add("Host", "127.0.0.1:18932");
    }

    @Test
    void stringToSignMatchesTheContractExample() {
        String s = SharedKeySigner.stringToSign("GET", "/jobs/j1/tasks",
                "api-version=2024-07-01.20.0&%24filter=state%20eq%20%27completed%27&%24select=id%2C%20state"
                        + "&maxresults=1", listHeaders(), "DevAccount");
        assertThat(s).isEqualTo("GET\n\n\n\n\napplication/json; charset=utf-8\n\n\n\n\n\n\n"
                + "ocp-date:Sun, 22 Nov 2026 15:39:12 GMT\n/devaccount/jobs/j1/tasks\n$filter:state eq 'completed'\n"
                + "$select:id, state\napi-version:2024-07-01.20.0\nmaxresults:1");
    }

    @Test
    void queryIsDecodedOnceAsTheServiceAndPythonAndJsSdksDoAndBodylessPostSignsZeroLength() {
        String next = SharedKeySigner.stringToSign("GET", "/jobs/j1/tasks",
                "api-version=2024-07-01.20.0&maxresults=1&$skiptoken=abc%2Bdef", listHeaders(), "DevAccount");
        assertThat(next).endsWith("\n$skiptoken:abc+def\napi-version:2024-07-01.20.0\nmaxresults:1");
        String filter = SharedKeySigner.stringToSign("GET", "/jobs/j1/tasks",
                "api-version=1&%24filter=id%20eq%20%27a%2Bb%25%27", listHeaders(), "DevAccount");
        assertThat(filter).endsWith("\n$filter:id eq 'a+b%'\napi-version:1");

        HttpHeaders post = new HttpHeaders().add("ocp-date", "Sun, 22 Nov 2026 15:39:12 GMT")
                .add("Content-Type", "application/json; charset=utf-8").add("Content-Length", "0");
        assertThat(SharedKeySigner.stringToSign("POST", "/jobs/j1/tasks/t1/terminate", "api-version=2024-07-01.20.0",
                post, "acct")).startsWith("POST\n\n\n0\n\napplication/json; charset=utf-8\n")
                .endsWith("/acct/jobs/j1/tasks/t1/terminate\napi-version:2024-07-01.20.0");
    }

    @Test
    void rawEncodedPathIsSigned() {
        String s = SharedKeySigner.stringToSign("GET", "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fx.txt",
                "api-version=2024-07-01.20.0", listHeaders(), "DevAccount");
        assertThat(s).contains("\n/devaccount/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fx.txt\n");
    }

    @Test
    void pythonSdkSignsSlashesInThePathAndLeavesEmptyValuesOut() {
        String s = SharedKeySigner.pythonStringToSign("GET", "/jobs/j1/tasks/t1/files/wd%2Fx.txt",
                "api-version=1&recursive=", listHeaders(), "acct");
        assertThat(s).endsWith("/acct/jobs/j1/tasks/t1/files/wd/x.txt\napi-version:1");
    }

    @Test
    void verifiesOwnSignatureAndRejectsOtherKeyOrAccount() {
        byte[] key = Base64.getDecoder().decode("c2VjcmV0LWtleS1mb3ItdGVzdHM=");
        HttpHeaders h = listHeaders();
        String sig = SharedKeySigner.sign(SharedKeySigner.stringToSign("GET", "/pools", "api-version=1", h, "Acct"),
                key);
        h.add("Authorization", "SharedKey Acct:" + sig);
        HttpRequest r = new HttpRequest("GET", "/pools?api-version=1", h, null, InetAddress.getLoopbackAddress());
        assertThat(SharedKeySigner.verify(r, "Acct", key)).isTrue();
        assertThat(SharedKeySigner.verify(r, "Other", key)).isFalse();
        assertThat(SharedKeySigner.verify(r, "Acct", "other".getBytes())).isFalse();
    }
}
