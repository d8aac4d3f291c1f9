package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.model.BlobLocation;

/**
 * What a process attaching to a job planned on its nodes ({@link NodePlan}) needs beyond each file's entry to build
 * the rows as the submitting session would: the plan the nodes ran (its candidates are what each task's
 * {@code result.json} refers to by index, and its argument texts name the keyed output blobs), where the sources
 * were read and where the outputs went. Containers and prefixes only: no URL, no account, no SAS, no key.
 *
 * @param plan                 the node plan as the submitter staged it
 * @param sourceContainer      the source blobs' container, or null for local inputs
 * @param sourcePrefix         their prefix (empty or ending in {@code /}), or null
 * @param destinationContainer the destination container, or null when outputs are keyed in the output container
 * @param destinationPrefix    the destination prefix, or null
 */
record NodeRecord(NodePlan plan, String sourceContainer, String sourcePrefix, String destinationContainer,
        String destinationPrefix) {

    /** The record of a run's node plan and blob locations (either may be null). */
    static NodeRecord of(NodePlan plan, BlobLocation source, BlobLocation destination) {
        return new NodeRecord(plan, source == null ? null : source.container(), source == null ? null : source.prefix(),
                destination == null ? null : destination.container(),
                destination == null ? null : destination.prefix());
    }

    /** The request's source location, or null. */
    BlobLocation sourceLocation() {
        return sourceContainer == null ? null : BlobLocation.of(sourceContainer, sourcePrefix);
    }

    /** The request's destination location, or null. */
    BlobLocation destinationLocation() {
        return destinationContainer == null ? null : BlobLocation.of(destinationContainer, destinationPrefix);
    }
}
