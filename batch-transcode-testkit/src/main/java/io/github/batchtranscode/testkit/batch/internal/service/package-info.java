/**
 * The emulated Batch service's state and rules: the pool, job, task and node records and the account's state that
 * holds them ({@link io.github.batchtranscode.testkit.batch.internal.service.EmulatorState}), the task state machine,
 * entity ids, ETag/If-* conditions, api-versions, the supported images and VM sizes catalogs, pool sizing, time
 * stamps and the service's error answers.
 *
 * <p>This is the bottom room of the emulator: it depends on no other emulator package. The nodes
 * ({@code ..internal.node}) and the wire ({@code ..internal.wire}) build on it; {@code ArchitectureTest} enforces it.
 */
package io.github.batchtranscode.testkit.batch.internal.service;
