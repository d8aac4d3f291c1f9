package io.github.batchtranscode.testkit.batch;

import io.github.batchtranscode.testkit.ServiceStartException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS trust of emulated node agents: the JDK's certificate authorities plus the certificates a test adds. */
final class NodeTls {
    private NodeTls() {
    }

    /** Null (the JDK's defaults) when {@code extra} is empty; otherwise a context trusting both. */
    static SSLContext trusting(List<X509Certificate> extra) {
        if (extra.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : defaults().getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + i++, ca);
            }
            i = 0;
            for (X509Certificate cert : extra) {
                store.setCertificateEntry("extra-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ServiceStartException("the emulator's node TLS trust could not be built: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaults() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
