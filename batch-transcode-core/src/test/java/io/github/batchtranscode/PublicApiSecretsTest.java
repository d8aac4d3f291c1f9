package io.github.batchtranscode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.batchtranscode.model.AzureOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No public getter of the library hands out a secret; toString() shows none either. */
class PublicApiSecretsTest {
    /** Names of secret getters; a bare {@code key()} is an enum's identifier (Phase, OutputFormat), not a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(\\w+key|secret|password|connectionstring|token|sas|signature|credential).*");
    private static final String BATCH_KEY = randomKey();
    private static final String STORAGE_KEY = randomKey();

    @Test
    void noPublicMethodOfThePublicApiReturnsASecretByName() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<Class<?>> types = publicTypes();
        for (Class<?> type : types) {
            for (Method m : type.getMethods()) {
                boolean textual = m.getReturnType() == String.class || m.getReturnType() == char[].class
                        || m.getReturnType() == byte[].class || m.getReturnType() == CharSequence.class;
                if (textual && m.getParameterCount() == 0 && SECRET_NAME.matcher(m.getName()).matches()) {
                    offenders.add(type.getName() + "." + m.getName() + "()");
                }
            }
        }
        assertThat(types).as("public types found").contains(AzureOptions.class, TranscodeSession.class);
        assertThat(offenders).as("public getters whose name says they return a secret").isEmpty();
    }

    @Test
    void noPublicGetterOrToStringOfAzureOptionsShowsAKey() throws Exception {
        String connectionString = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + STORAGE_KEY
                + ";EndpointSuffix=core.windows.net";
        AzureOptions.Builder base = AzureOptions.builder()
                .batchAccount("https://mybatch.westeurope.batch.azure.com", "mybatch", BATCH_KEY);
        for (AzureOptions options : List.of(base.storageConnectionString(connectionString).build(),
                base.storageAccount("acct", STORAGE_KEY, null).build())) {
            for (Method m : AzureOptions.class.getMethods()) {
                boolean objectMethod = m.getDeclaringClass() == Object.class && !m.getName().equals("toString");
                if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && !objectMethod) {
                    String shown = String.valueOf(m.invoke(options));
                    assertThat(shown).as("AzureOptions.%s()", m.getName())
                            .doesNotContain(BATCH_KEY).doesNotContain(STORAGE_KEY).doesNotContain("AccountKey=");
                }
            }
            assertThat(options.toString()).contains("hidden");
        }
    }

    /** Every public top-level or nested type in core's packages that are not {@code internal}. */
    private static List<Class<?>> publicTypes() throws Exception {
        Path classes = Path.of(AzureOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.resolve("io/github/batchtranscode");
        List<Class<?>> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = classes.relativize(file).toString().replace('\\', '/');
                if (relative.contains("/internal/") || relative.endsWith("package-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type = Class.forName(name, false, PublicApiSecretsTest.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    result.add(type);
                }
            }
        }
        return result;
    }

    private static String randomKey() {
        byte[] bytes = new byte[64];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
