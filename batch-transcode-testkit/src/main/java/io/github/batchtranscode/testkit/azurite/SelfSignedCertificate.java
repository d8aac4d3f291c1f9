package io.github.batchtranscode.testkit.azurite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's own {@code keytool}
 * (nothing to install), as a PKCS#12 file Azurite serves HTTPS with, and the trust a client needs to accept it
 * and nothing else.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.create(tempDir);
 * Azurite azurite = Azurite.builder().https(cert).oauth().start();
 * HttpClient.newBuilder().sslContext(cert.sslContext());
 * }</pre>
 */
public final class SelfSignedCertificate {
    private static final String ALIAS = "azurite";
    private final Path pfx;
    private final String password;

    private SelfSignedCertificate(Path pfx, String password) {
        this.pfx = pfx;
        this.password = password;
    }

    /**
     * Makes a fresh key pair and certificate valid for a day in {@code dir}.
     *
     * @throws IOException when keytool fails
     */
    public static SelfSignedCertificate create(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir == null");
        Files.createDirectories(dir);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path pfx = dir.resolve("azurite-" + HexFormat.of().formatHex(random, 0, 4) + ".pfx");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", password, "-keypass", password);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make a certificate: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made a certificate", e);
        }
        return new SelfSignedCertificate(pfx, password);
    }

    /** The PKCS#12 file holding the key and certificate. */
    public Path pfx() {
        return pfx;
    }

    /** The PKCS#12 file's password (random, for this certificate only). */
    public String password() {
        return password;
    }

    /**
     * The certificate (no private key), e.g. for {@code BatchEmulator.Builder#trustCertificate} so that emulated
     * nodes trust the Azurite that serves it.
     *
     * @throws GeneralSecurityException when the PKCS#12 file cannot be read
     */
    public java.security.cert.X509Certificate certificate() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pfx)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return (java.security.cert.X509Certificate) store.getCertificate(ALIAS);
        } catch (IOException e) {
            throw new GeneralSecurityException("could not read " + pfx + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts this certificate only. */
    public SSLContext sslContext() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pfx)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, store.getCertificate(ALIAS));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new GeneralSecurityException("could not read " + pfx + ": " + e.getMessage(), e);
        }
    }

    /** Names the file, never the password. */
    @Override
    public String toString() {
        return "SelfSignedCertificate{" + pfx + "}";
    }
}
