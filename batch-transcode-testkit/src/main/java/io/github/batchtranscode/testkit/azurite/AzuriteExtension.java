package io.github.batchtranscode.testkit.azurite;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link Azurite} per top-level test class (shared by its {@code @Nested}
 * classes), injects it into test methods, constructors and lifecycle methods that declare an {@code Azurite}
 * parameter, and stops it after the class (JUnit 5.13 or newer closes it; older versions leave it to a JVM
 * shutdown hook).
 *
 * <pre>{@code
 * @ExtendWith(AzuriteExtension.class)
 * class UploadIT {
 *     @Test
 *     void uploads(Azurite azurite) {
 *         BlobServiceClient blobs = new BlobServiceClientBuilder()
 *                 .connectionString(azurite.connectionString()).buildClient();
 *         ...
 *     }
 * }
 *
 * // or, with settings:
 * @RegisterExtension
 * static AzuriteExtension azurite = AzuriteExtension.using(Azurite.builder().provisioning(Provisioning.NPM));
 * }</pre>
 *
 * <p>When Azurite cannot run on this machine (no Docker engine, no Node.js), the class's tests are skipped with
 * the reason, unless the {@code CI} environment variable is set: then they fail, so CI never reports green with
 * them skipped. A failed start (e.g. npm install failed) fails the tests everywhere.
 */
public final class AzuriteExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    private final Supplier<Azurite> starter;
    private final Map<String, String> env;

    /** An extension starting Azurite with the defaults of {@link Azurite#start()}; for {@code @ExtendWith}. */
    public AzuriteExtension() {
        this(Azurite::start, System.getenv());
    }

    AzuriteExtension(Supplier<Azurite> starter, Map<String, String> env) {
        this.starter = starter;
        this.env = Map.copyOf(env);
    }

    /** An extension starting Azurite from {@code builder}; for {@code @RegisterExtension}. */
    public static AzuriteExtension using(Azurite.Builder builder) {
        Objects.requireNonNull(builder, "builder == null");
        return new AzuriteExtension(builder::start, System.getenv());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        azurite(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return azurite(context);
    }

    private Azurite azurite(ExtensionContext context) {
        return topLevelClass(context).getStore(NAMESPACE).getOrComputeIfAbsent(Azurite.class, k -> start(),
                Azurite.class);
    }

    private Azurite start() {
        try {
            return starter.get();
        } catch (AzuriteUnavailableException e) {
            throw CiRule.onUnavailable(e, env);
        }
    }

    private static ExtensionContext topLevelClass(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
