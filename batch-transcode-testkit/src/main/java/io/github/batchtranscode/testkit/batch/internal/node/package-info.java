/**
 * The emulated compute nodes: scheduling tasks onto node slots, allocating and resizing pools' nodes, running start
 * tasks and tasks as processes (isolation through the node sandbox, the node's environment variables and
 * directories, resource files in, output files out, blob transfer with SAS URLs).
 *
 * <p>Nodes build on the service's state and rules ({@code ..internal.service}) and never on the wire
 * ({@code ..internal.wire}); {@code ArchitectureTest} enforces it.
 */
package io.github.batchtranscode.testkit.batch.internal.node;
