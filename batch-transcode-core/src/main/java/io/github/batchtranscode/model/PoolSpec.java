package io.github.batchtranscode.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Azure Batch pool to run on: reused when a compatible pool with this id exists, created otherwise.
 *
 * <pre>{@code
 * PoolSpec pool = PoolSpec.builder().id("transcode-pool").spotNodes(5).vmSize("standard_d2s_v5").build();
 * }</pre>
 *
 * <p>Defaults: id {@code batch-transcode-pool}; VM size {@code standard_d2s_v5}; Ubuntu 24.04
 * ({@code canonical/ubuntu-24_04-lts/server/latest}, node agent {@code batch.node.ubuntu 24.04}); 0 dedicated
 * and 5 spot nodes (the tutorial's five low-priority nodes); 1 task slot per node; a start task that installs
 * ffmpeg if missing and fails if it cannot encode MP3. The tutorial's Ubuntu 18.04/20.04 images and its
 * Standard_A1_v2 size are retired. Immutable and thread-safe.
 */
public final class PoolSpec {
    /** Installs ffmpeg if it is missing (idempotent) and fails loudly when the MP3 encoder is missing. */
    public static final String DEFAULT_START_TASK = "/bin/bash -c \"set -e; if ! command -v ffmpeg >/dev/null 2>&1;"
            + " then export DEBIAN_FRONTEND=noninteractive; apt-get -o DPkg::Lock::Timeout=600 update -qq;"
            + " apt-get -o DPkg::Lock::Timeout=600 install -y -qq ffmpeg; fi;"
            + " if ! ffmpeg -hide_banner -encoders 2>/dev/null | grep -q libmp3lame; then"
            + " echo 'ffmpeg on this node cannot encode MP3 (libmp3lame missing)' >&2; exit 1; fi;"
            + " ffmpeg -hide_banner -version | head -n 1\"";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String id;
    private final String vmSize;
    private final String imagePublisher;
    private final String imageOffer;
    private final String imageSku;
    private final String imageVersion;
    private final String nodeAgentSku;
    private final int dedicatedNodes;
    private final int spotNodes;
    private final int taskSlotsPerNode;
    private final String autoScaleFormula;
    private final String startTaskCommandLine;
    private final Duration resizeTimeout;

    private PoolSpec(Builder b) {
        id = b.id;
        vmSize = b.vmSize;
        imagePublisher = b.imagePublisher;
        imageOffer = b.imageOffer;
        imageSku = b.imageSku;
        imageVersion = b.imageVersion;
        nodeAgentSku = b.nodeAgentSku;
        dedicatedNodes = b.autoScaleFormula != null ? 0 : b.dedicatedNodes;
        spotNodes = b.autoScaleFormula != null ? 0 : b.spotNodes;
        taskSlotsPerNode = b.taskSlotsPerNode;
        autoScaleFormula = b.autoScaleFormula;
        startTaskCommandLine = b.startTaskCommandLine;
        resizeTimeout = b.resizeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static PoolSpec defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.vmSize = vmSize;
        b.imagePublisher = imagePublisher;
        b.imageOffer = imageOffer;
        b.imageSku = imageSku;
        b.imageVersion = imageVersion;
        b.nodeAgentSku = nodeAgentSku;
        b.dedicatedNodes = dedicatedNodes;
        b.spotNodes = spotNodes;
        b.taskSlotsPerNode = taskSlotsPerNode;
        b.autoScaleFormula = autoScaleFormula;
        b.startTaskCommandLine = startTaskCommandLine;
        b.resizeTimeout = resizeTimeout;
        return b;
    }

    public String id() {
        return id;
    }

    public String vmSize() {
        return vmSize;
    }

    public String imagePublisher() {
        return imagePublisher;
    }

    public String imageOffer() {
        return imageOffer;
    }

    public String imageSku() {
        return imageSku;
    }

    public String imageVersion() {
        return imageVersion;
    }

    public String nodeAgentSku() {
        return nodeAgentSku;
    }

    public int dedicatedNodes() {
        return dedicatedNodes;
    }

    public int spotNodes() {
        return spotNodes;
    }

    public int taskSlotsPerNode() {
        return taskSlotsPerNode;
    }

    /** The autoscale formula, or {@code null} for fixed node counts. */
    public String autoScaleFormula() {
        return autoScaleFormula;
    }

    /** The start task's command line, or {@code null} for none. */
    public String startTaskCommandLine() {
        return startTaskCommandLine;
    }

    public Duration resizeTimeout() {
        return resizeTimeout;
    }

    @Override
    public String toString() {
        return "PoolSpec{id=" + id + ", vmSize=" + vmSize + ", image=" + imagePublisher + "/" + imageOffer + "/" + imageSku
                + "/" + imageVersion + ", nodeAgentSku=" + nodeAgentSku + ", dedicated=" + dedicatedNodes + ", spot="
                + spotNodes + ", slotsPerNode=" + taskSlotsPerNode + (autoScaleFormula != null ? ", autoscale" : "") + "}";
    }

    /** Builds a {@link PoolSpec}. */
    public static final class Builder {
        private String id = "batch-transcode-pool";
        private String vmSize = "standard_d2s_v5";
        private String imagePublisher = "canonical";
        private String imageOffer = "ubuntu-24_04-lts";
        private String imageSku = "server";
        private String imageVersion = "latest";
        private String nodeAgentSku = "batch.node.ubuntu 24.04";
        private int dedicatedNodes = 0;
        private int spotNodes = 5;
        private int taskSlotsPerNode = 1;
        private String autoScaleFormula;
        private String startTaskCommandLine = DEFAULT_START_TASK;
        private Duration resizeTimeout = Duration.ofMinutes(15);
        /** Which node-count setter was called, for the message when an autoscale formula contradicts it. */
        private String countsSetBy;
        private boolean resizeTimeoutSet;

        private Builder() {
        }

        /** The pool id: 1 to 64 letters, digits, '-' or '_'. */
        public Builder id(String id) {
            Objects.requireNonNull(id, "id == null");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("pool id '" + id + "' is invalid: use 1 to 64 letters, digits, '-' or '_'"
                        + (id.length() > 64 ? " (it has " + id.length() + " characters)" : ""));
            }
            this.id = id;
            return this;
        }

        public Builder vmSize(String vmSize) {
            this.vmSize = nonBlank(vmSize, "vmSize").toLowerCase(Locale.ROOT);
            return this;
        }

        /** The marketplace image, e.g. {@code ("canonical", "ubuntu-24_04-lts", "server", "latest")}. */
        public Builder image(String publisher, String offer, String sku, String version) {
            this.imagePublisher = nonBlank(publisher, "publisher");
            this.imageOffer = nonBlank(offer, "offer");
            this.imageSku = nonBlank(sku, "sku");
            this.imageVersion = nonBlank(version, "version");
            return this;
        }

        public Builder nodeAgentSku(String nodeAgentSku) {
            this.nodeAgentSku = nonBlank(nodeAgentSku, "nodeAgentSku");
            return this;
        }

        /** Dedicated nodes (default 0); a fixed-size pool, so not with {@link #autoScaleFormula(String)}. */
        public Builder dedicatedNodes(int n) {
            this.dedicatedNodes = nonNegative(n, "dedicatedNodes");
            this.countsSetBy = "dedicatedNodes(" + n + ")";
            return this;
        }

        /** Spot (formerly low-priority) nodes (default 5); a fixed-size pool, so not with an autoscale formula. */
        public Builder spotNodes(int n) {
            this.spotNodes = nonNegative(n, "spotNodes");
            this.countsSetBy = "spotNodes(" + n + ")";
            return this;
        }

        /** Tasks a node runs at once, 1 to 256. */
        public Builder taskSlotsPerNode(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("taskSlotsPerNode must be 1 to 256: " + n);
            }
            this.taskSlotsPerNode = n;
            return this;
        }

        /**
         * Scale by formula instead of fixed counts: the built spec then has 0 dedicated and 0 spot nodes, and
         * {@link #build()} refuses {@code dedicatedNodes}, {@code spotNodes} or {@code resizeTimeout} set with it.
         */
        public Builder autoScaleFormula(String formula) {
            this.autoScaleFormula = nonBlank(formula, "autoScaleFormula");
            return this;
        }

        /** Replaces the start task's command line; {@code null} for no start task (the image must have ffmpeg). */
        public Builder startTaskCommandLine(String commandLine) {
            this.startTaskCommandLine = commandLine;
            return this;
        }

        /** How long a resize of a fixed-size pool may take (default 15 min, at least 5); not with autoscale. */
        public Builder resizeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.compareTo(Duration.ofMinutes(5)) < 0) {
                throw new IllegalArgumentException("resizeTimeout must be at least 5 minutes (the service minimum): " + timeout);
            }
            this.resizeTimeout = timeout;
            this.resizeTimeoutSet = true;
            return this;
        }

        /**
         * @throws IllegalStateException when neither nodes nor an autoscale formula are given, or an autoscale
         *                               formula comes with node counts or a resize timeout (the service would
         *                               ignore them), naming both settings
         */
        public PoolSpec build() {
            if (autoScaleFormula != null && countsSetBy != null) {
                throw new IllegalStateException("pool " + id + " has both an autoScaleFormula and " + countsSetBy
                        + ": the formula decides the node counts, so the counts would be ignored; set one or the"
                        + " other");
            }
            if (autoScaleFormula != null && resizeTimeoutSet) {
                throw new IllegalStateException("pool " + id + " has both an autoScaleFormula and resizeTimeout("
                        + resizeTimeout + "): a resize timeout applies only to fixed-size pools; drop one");
            }
            if (autoScaleFormula == null && dedicatedNodes + spotNodes == 0) {
                throw new IllegalStateException("pool " + id + " would have no nodes: set dedicatedNodes or spotNodes, or an autoScaleFormula");
            }
            return new PoolSpec(this);
        }

        private static String nonBlank(String s, String name) {
            Objects.requireNonNull(s, name + " == null");
            if (s.isBlank()) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return s.trim();
        }

        private static int nonNegative(int n, String name) {
            if (n < 0) {
                throw new IllegalArgumentException(name + " must be >= 0: " + n);
            }
            return n;
        }
    }
}
