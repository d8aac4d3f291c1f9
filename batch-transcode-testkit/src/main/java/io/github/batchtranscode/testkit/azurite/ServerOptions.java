package io.github.batchtranscode.testkit.azurite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Azurite's optional switches: a debug log of every request, HTTPS with a PKCS#12 certificate, and OAuth bearer
 * tokens ({@code --oauth basic}, which needs HTTPS).
 *
 * @param debugLog    where Azurite writes its debug log (every request it served), or null
 * @param certificate the HTTPS certificate, or null for plain HTTP
 * @param oauth       whether bearer tokens are accepted
 * @param inMemory    whether Azurite keeps blobs and metadata in memory only ({@code --inMemoryPersistence})
 * @param location    a folder of Azurite's data that outlives the process ({@code --location}), or null for a
 *                    temporary one deleted when Azurite stops
 */
record ServerOptions(Path debugLog, SelfSignedCertificate certificate, boolean oauth, boolean inMemory,
                     Path location) {
    static final ServerOptions DEFAULT = new ServerOptions(null, null, false, false, null);

    ServerOptions(Path debugLog, SelfSignedCertificate certificate, boolean oauth) {
        this(debugLog, certificate, oauth, false, null);
    }

    boolean isDefault() {
        return debugLog == null && certificate == null && !oauth && !inMemory && location == null;
    }

    String scheme() {
        return certificate != null ? "https" : "http";
    }

    /** The trust a client needs to reach the server: the certificate's, or the JDK's default. */
    SSLContext sslContext() throws java.security.GeneralSecurityException {
        return certificate != null ? certificate.sslContext() : SSLContext.getDefault();
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (debugLog != null) {
            args.addAll(List.of("--debug", debugLog.toAbsolutePath().toString()));
        }
        if (certificate != null) {
            args.addAll(List.of("--cert", certificate.pfx().toAbsolutePath().toString(), "--pwd",
                    certificate.password()));
        }
        if (oauth) {
            args.addAll(List.of("--oauth", "basic"));
        }
        if (inMemory) {
            args.add("--inMemoryPersistence");
        }
        return args;
    }
}
