package io.github.batchtranscode.testkit.batch.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A pool and its simulated nodes. Mutable; every access holds the {@link EmulatorState} lock. */
public final class PoolRecord {
    final String id;
    final ObjectNode spec;
    final Instant created;
    final int slotsPerNode;
    final List<NodeRecord> nodes = new ArrayList<>();
    String etag = Times.newEtag();
    Instant lastModified;
    String state = "active";
    Instant stateTransitionTime;
    String allocationState = "resizing";
    Instant allocationStateTransitionTime;
    int targetDedicated;
    int targetLowPriority;
    int nextNodeIndex;
    /** The service's {@code resizeErrors}, set when the emulator's node cap bites. */
    final ArrayNode resizeErrors = BatchJson.array();

    PoolRecord(String id, ObjectNode spec, Instant created, int slotsPerNode) {
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

    NodeRecord node(String nodeId) {
        for (NodeRecord n : nodes) {
            if (n.id.equalsIgnoreCase(nodeId)) {
                return n;
            }
        }
        return null;
    }
}
