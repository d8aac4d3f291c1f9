package io.github.batchtranscode.testkit.azurite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Azurite version this testkit was built against, from the root pom's {@code azurite.version}. */
final class AzuriteVersion {
    private static final String VERSION = load();

    private AzuriteVersion() {
    }

    /** The pinned version, e.g. {@code 3.35.0}: the npm package version and the container image tag. */
    static String pinned() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = AzuriteVersion.class.getResourceAsStream("azurite.properties")) {
            if (in == null) {
                throw new IllegalStateException("azurite.properties is missing from the testkit jar");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (!v.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
                throw new IllegalStateException("azurite.properties holds no resolved version: '" + v + "'");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException("reading azurite.properties", e);
        }
    }
}
