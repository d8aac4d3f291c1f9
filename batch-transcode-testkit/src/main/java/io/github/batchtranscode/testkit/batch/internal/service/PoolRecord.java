package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A pool and its simulated nodes. Mutable; every access holds the {@link EmulatorState} lock. */
public final class PoolRecord {
    public final String id;
    public final ObjectNode spec;
    public final Instant created;
    public final int slotsPerNode;
    public final List<NodeRecord> nodes = new ArrayList<>();
    public String etag = Times.newEtag();
    public Instant lastModified;
    public String state = "active";
    public Instant stateTransitionTime;
    public String allocationState = "resizing";
    public Instant allocationStateTransitionTime;
    public int targetDedicated;
    public int targetLowPriority;
    public int nextNodeIndex;
    /** The ARM resource ids of the pool's user-assigned managed identities (set by Resource Manager, not the API). */
    public List<String> identities = List.of();
    /** The service's {@code resizeErrors}, set when the emulator's node cap bites. */
    public final ArrayNode resizeErrors = BatchJson.array();

    public PoolRecord(String id, ObjectNode spec, Instant created, int slotsPerNode) {
        this.id = id;
        this.spec = spec;
        this.created = created;
        this.lastModified = created;
        this.stateTransitionTime = created;
        this.allocationStateTransitionTime = created;
        this.slotsPerNode = slotsPerNode;
    }

    public String id() {
        return id;
    }

    public NodeRecord node(String nodeId) {
        for (NodeRecord n : nodes) {
            if (n.id.equalsIgnoreCase(nodeId)) {
                return n;
            }
        }
        return null;
    }
}
