/**
 * The emulator's wire: the HTTP handler and router of the Batch REST API, SharedKey authentication, request dates,
 * api-version and fault checks at the door, the Account_*, Pool_*, Job_*, Task_* and File_* operations, OData
 * {@code $filter}/{@code $select} and paging, the JSON views of the records, links and replies, and request stats.
 *
 * <p>The wire is the top room: it uses the service's state and rules ({@code ..internal.service}) and the nodes
 * ({@code ..internal.node}); neither uses it. {@code ArchitectureTest} enforces it.
 */
package io.github.batchtranscode.testkit.batch.internal.wire;
