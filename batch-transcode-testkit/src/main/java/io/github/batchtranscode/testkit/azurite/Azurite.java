package io.github.batchtranscode.testkit.azurite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A running Azurite blob service (the Azure Storage emulator) for tests, reached at
 * {@code http://127.0.0.1:PORT/devstoreaccount1} with the well-known development account.
 *
 * <pre>{@code
 * try (Azurite azurite = Azurite.start()) {
 *     BlobServiceClient blobs = new BlobServiceClientBuilder()
 *             .connectionString(azurite.connectionString()).buildClient();
 *     blobs.createBlobContainer("input");
 * }
 * }</pre>
 *
 * <p>Provisioning ({@link Provisioning#AUTO} unless the builder or the environment variable
 * {@value #PROVISIONING_ENV} = {@code auto|container|npm} says otherwise): Testcontainers' Azurite container when
 * a Docker engine answers, otherwise the npm package {@code azurite} at the version this testkit pins, installed
 * on first use into {@code <cache>/azurite-<version>} (cache: the builder's {@link Builder#cacheDirectory},
 * else {@code $BATCH_TRANSCODE_CACHE}, else {@code $XDG_CACHE_HOME/batch-transcode}, else
 * {@code ~/.cache/batch-transcode}) and run by the {@code node} on the {@code PATH} on a free loopback port,
 * with its data in a temporary folder. {@link #close()} ends the process tree (or the container) and deletes that
 * folder.
 *
 * <p>Instances are thread-safe; several may run at once, each on its own port.
 */
public final class Azurite implements AutoCloseable {
    /** The well-known Azurite development account. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";
    /** Chooses the provisioning when the builder does not: {@code auto}, {@code container} or {@code npm}. */
    public static final String PROVISIONING_ENV = "BATCH_TRANSCODE_AZURITE";
    /** Azurite's published development key; not a secret, but still kept out of {@link #toString()}. */
    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final AzuriteServer server;
    private final String blobEndpoint;
    private final ServerOptions options;

    Azurite(AzuriteServer server) {
        this(server, ServerOptions.DEFAULT);
    }

    Azurite(AzuriteServer server, ServerOptions options) {
        this.server = server;
        this.options = options;
        this.blobEndpoint = options.scheme() + "://" + server.host() + ":" + server.port() + "/" + ACCOUNT_NAME;
    }

    /**
     * Starts Azurite with the defaults: {@link Provisioning#AUTO}, a free port, a 60 s startup deadline.
     *
     * @throws AzuriteUnavailableException when neither a Docker engine nor Node.js is usable here
     * @throws AzuriteStartException       when starting failed; the message names the log of the child process
     */
    public static Azurite start() {
        return builder().start();
    }

    /** A builder for an Azurite with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The blob service endpoint, e.g. {@code http://127.0.0.1:41234/devstoreaccount1} ({@code https://} when started
     * with {@link Builder#https(SelfSignedCertificate)}).
     */
    public String blobEndpoint() {
        return blobEndpoint;
    }

    /** The same as {@link #blobEndpoint()}, named as on the testkit's other services. */
    public String endpoint() {
        return blobEndpoint;
    }

    /** A connection string for the Azure Storage SDKs, with the account key and {@code BlobEndpoint=}. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=" + options.scheme() + ";AccountName=" + ACCOUNT_NAME + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint + ";";
    }

    /** The account name, {@value #ACCOUNT_NAME}. */
    public String accountName() {
        return ACCOUNT_NAME;
    }

    /** The account's shared key (Azurite's published development key), base64. */
    public String accountKey() {
        return ACCOUNT_KEY;
    }

    /** How this instance was provisioned: {@link Provisioning#CONTAINER} or {@link Provisioning#NPM}. */
    public Provisioning provisioning() {
        return server.provisioning();
    }

    /** The port the blob service listens on. */
    public int port() {
        return server.port();
    }

    /** The debug log Azurite writes every request to, or {@code null} unless {@link Builder#debugLog(Path)} was set. */
    public Path debugLog() {
        return options.debugLog();
    }

    /** Stops Azurite: ends its process tree or container and deletes its data; idempotent. */
    @Override
    public void close() {
        server.close();
    }

    AzuriteServer server() {
        return server;
    }

    /** Names the provisioning and endpoint, never the key. */
    @Override
    public String toString() {
        return "Azurite{provisioning=" + server.provisioning() + ", blobEndpoint=" + blobEndpoint + ", account="
                + ACCOUNT_NAME + "}";
    }

    /**
     * Settings for {@link Azurite}; each setter checks its argument at once. Not thread-safe; build on one thread.
     *
     * <pre>{@code
     * Azurite azurite = Azurite.builder()
     *         .provisioning(Provisioning.NPM)
     *         .startupTimeout(Duration.ofSeconds(90))
     *         .start();
     * }</pre>
     */
    public static final class Builder {
        private Provisioning provisioning;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration installTimeout = Duration.ofMinutes(5);
        private Path cacheDirectory;
        private int port;
        private Map<String, String> env = System.getenv();
        private Path debugLog;
        private SelfSignedCertificate certificate;
        private boolean oauth;
        private boolean inMemory;
        private Path location;

        private Builder() {
        }

        /** How to run Azurite; default {@code $BATCH_TRANSCODE_AZURITE}, else {@link Provisioning#AUTO}. */
        public Builder provisioning(Provisioning provisioning) {
            this.provisioning = Objects.requireNonNull(provisioning, "provisioning == null");
            return this;
        }

        /**
         * How long to wait for the service to answer after starting it (not counting a first-time npm install);
         * default 60 s.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout, "startupTimeout");
            return this;
        }

        /**
         * How long a first-time {@code npm install} may take; default 5 minutes.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder installTimeout(Duration timeout) {
            this.installTimeout = positive(timeout, "installTimeout");
            return this;
        }

        /** The cache root; the npm package goes into {@code <dir>/azurite-<version>}. */
        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = Objects.requireNonNull(dir, "cacheDirectory == null");
            return this;
        }

        /**
         * The loopback port to listen on; default 0, a free port chosen when starting.
         *
         * @throws IllegalArgumentException when outside 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (a free port) or 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Has Azurite write its debug log, which records every request it serves (method, URL without the query
         * string's signature, status), to {@code file}: how tests prove who moved bytes. npm provisioning only.
         */
        public Builder debugLog(Path file) {
            this.debugLog = Objects.requireNonNull(file, "file == null");
            return this;
        }

        /** Serves HTTPS with {@code certificate} instead of HTTP. npm provisioning only. */
        public Builder https(SelfSignedCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate == null");
            return this;
        }

        /**
         * Accepts OAuth bearer tokens ({@code --oauth basic}: the token's issuer, audience and lifetime are checked,
         * its signature is not); see {@link AzuriteTokens}. Needs {@link #https(SelfSignedCertificate)}.
         */
        public Builder oauth() {
            this.oauth = true;
            return this;
        }

        /**
         * Keeps every blob and all metadata in Azurite's memory ({@code --inMemoryPersistence}) instead of its
         * on-disk database: faster for many small blobs (scale benchmarks), lost when Azurite stops. npm
         * provisioning only.
         */
        public Builder inMemoryPersistence() {
            this.inMemory = true;
            return this;
        }

        /**
         * Keeps Azurite's data (metadata database and blob content, {@code --location}) in {@code dir}, created if
         * absent and left in place when Azurite stops, so that an Azurite started later on the same folder serves
         * the same containers and blobs: how a benchmark fills a large source once and reuses it. Only one Azurite
         * may use a folder at a time. npm provisioning only; not with {@link #inMemoryPersistence()}.
         */
        public Builder location(Path dir) {
            this.location = Objects.requireNonNull(dir, "dir == null");
            return this;
        }

        /** The environment to read settings and the {@code PATH} from, instead of the process's; for tests. */
        Builder environment(Map<String, String> env) {
            this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
            return this;
        }

        /**
         * Starts Azurite and waits until it answers.
         *
         * @throws IllegalStateException       when {@value #PROVISIONING_ENV} holds an unknown value
         * @throws AzuriteUnavailableException when the requested provisioning is not possible on this machine
         * @throws AzuriteStartException       when starting failed; the message names the child process's log
         */
        public Azurite start() {
            if (oauth && certificate == null) {
                throw new IllegalStateException("oauth() needs https(...): Azurite accepts bearer tokens only over HTTPS");
            }
            if (inMemory && location != null) {
                throw new IllegalStateException("location(...) and inMemoryPersistence() exclude each other: Azurite"
                        + " keeps an in-memory store nowhere");
            }
            ServerOptions options = new ServerOptions(debugLog, certificate, oauth, inMemory, location);
            Path cache = cacheDirectory != null ? cacheDirectory : CacheLocation.root(env);
            AzuriteProvisioner provisioner = new AzuriteProvisioner(env, cache, port, startupTimeout, installTimeout,
                    options);
            return new Azurite(provisioner.start(resolvedProvisioning()), options);
        }

        private Provisioning resolvedProvisioning() {
            if (provisioning != null) {
                return provisioning;
            }
            String configured = env.getOrDefault(PROVISIONING_ENV, "").trim();
            if (configured.isEmpty()) {
                return Provisioning.AUTO;
            }
            try {
                return Provisioning.valueOf(configured.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(PROVISIONING_ENV + " is '" + configured
                        + "'; use auto, container or npm");
            }
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
