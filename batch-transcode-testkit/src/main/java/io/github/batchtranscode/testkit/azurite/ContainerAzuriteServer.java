package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.testcontainers.azure.AzuriteContainer;
import org.testcontainers.utility.DockerImageName;

/** Azurite in Testcontainers' container, image tag = the pinned version, with the same flags as the npm run. */
final class ContainerAzuriteServer implements AzuriteServer {
    private static final Logger LOG = TestkitLoggers.AZURITE;
    private static final String IMAGE = "mcr.microsoft.com/azure-storage/azurite";
    private static final int BLOB_PORT = 10000;

    private final AzuriteContainer container;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerAzuriteServer(AzuriteContainer container) {
        this.container = container;
    }

    /**
     * Starts the container and waits until the blob service answers.
     *
     * @param port the host port to bind, or 0 for one Docker picks
     * @throws AzuriteStartException when the container does not start or answer within {@code timeout}
     */
    static ContainerAzuriteServer start(int port, Duration timeout) {
        AzuriteContainer container = new FlaggedAzuriteContainer(
                DockerImageName.parse(IMAGE).withTag(AzuriteVersion.pinned())).withStartupTimeout(timeout);
        if (port != 0) {
            container.setPortBindings(List.of(port + ":" + BLOB_PORT));
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new AzuriteStartException("the Azurite container " + IMAGE + ":" + AzuriteVersion.pinned()
                    + " did not start: " + e.getMessage() + ". Provisioning.NPM runs Azurite without Docker", e);
        }
        ContainerAzuriteServer server = new ContainerAzuriteServer(container);
        if (!new ReadinessProbe().answers(server.host(), server.port())) {
            server.close();
            throw new AzuriteStartException("the Azurite container started but its blob service does not answer at "
                    + server.host() + ":" + server.port());
        }
        LOG.info("Azurite {} (container) listens on http://{}:{}", AzuriteVersion.pinned(), server.host(),
                server.port());
        return server;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(BLOB_PORT);
    }

    @Override
    public Provisioning provisioning() {
        return Provisioning.CONTAINER;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            container.stop();
            LOG.info("Azurite container stopped");
        }
    }

    /** Testcontainers' Azurite container, run with the flags our tests rely on and without telemetry. */
    private static final class FlaggedAzuriteContainer extends AzuriteContainer {
        FlaggedAzuriteContainer(DockerImageName image) {
            super(image);
        }

        @Override
        protected void configure() {
            super.configure();
            withCommand("azurite --blobHost 0.0.0.0 --queueHost 0.0.0.0 --tableHost 0.0.0.0"
                    + " --skipApiVersionCheck --loose --disableTelemetry");
        }
    }
}
