package io.github.batchtranscode.testkit.azurite;

import io.github.batchtranscode.testkit.internal.TestkitLoggers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/** Chooses how to run Azurite, following {@link Provisioning}, and starts it. */
final class AzuriteProvisioner {
    private static final Logger LOG = TestkitLoggers.AZURITE;

    private final Map<String, String> env;
    private final Path cacheRoot;
    private final int port;
    private final Duration startupTimeout;
    private final Duration installTimeout;
    private final ServerOptions options;

    AzuriteProvisioner(Map<String, String> env, Path cacheRoot, int port, Duration startupTimeout,
                       Duration installTimeout, ServerOptions options) {
        this.options = options;
        this.env = Map.copyOf(env);
        this.cacheRoot = cacheRoot;
        this.port = port;
        this.startupTimeout = startupTimeout;
        this.installTimeout = installTimeout;
    }

    /**
     * Starts Azurite the requested way.
     *
     * @throws AzuriteUnavailableException when the requested way (for AUTO: any way) is not possible here
     * @throws AzuriteStartException       when it is possible but starting failed
     */
    AzuriteServer start(Provisioning requested) {
        return switch (requested) {
            case CONTAINER -> container();
            case NPM -> npm(new NodeProbe(env).find().orElseThrow(() -> new AzuriteUnavailableException(
                    "Azurite cannot run from npm: " + new NodeProbe(env).problem())));
            case AUTO -> auto();
        };
    }

    private AzuriteServer container() {
        if (!options.isDefault()) {
            throw new AzuriteUnavailableException("Azurite's debug log, HTTPS, OAuth and in-memory options run only"
                    + " from npm:"
                    + " use Provisioning.NPM (or AUTO) with Node.js installed");
        }
        Availability docker = new DockerProbe(env).probe();
        if (!docker.usable()) {
            throw new AzuriteUnavailableException("Azurite cannot run in a container: " + docker.detail()
                    + ". Start a Docker engine, or use Provisioning.NPM with Node.js installed");
        }
        return ContainerAzuriteServer.start(port, startupTimeout);
    }

    private AzuriteServer auto() {
        Availability docker = new DockerProbe(env).probe();
        NodeProbe nodeProbe = new NodeProbe(env);
        if (docker.usable() && options.isDefault()) {
            try {
                return ContainerAzuriteServer.start(port, startupTimeout);
            } catch (AzuriteStartException e) {
                Optional<NodeTools> node = nodeProbe.find();
                if (node.isEmpty()) {
                    throw e;
                }
                LOG.warn("{}; falling back to the npm package", e.getMessage());
                return npm(node.get());
            }
        }
        Optional<NodeTools> node = nodeProbe.find();
        if (node.isEmpty()) {
            throw new AzuriteUnavailableException("Azurite cannot run here: " + docker.detail() + ", and "
                    + nodeProbe.problem() + ". Start a Docker engine or install Node.js with npm");
        }
        LOG.debug("{}; running Azurite from npm with {}", docker.detail(), node.get().node());
        return npm(node.get());
    }

    private AzuriteServer npm(NodeTools node) {
        Path blobMain = new AzuriteInstaller(cacheRoot, AzuriteVersion.pinned(), installTimeout).ensureInstalled(node);
        return NodeAzuriteServer.start(node, blobMain, port, startupTimeout, options);
    }
}
