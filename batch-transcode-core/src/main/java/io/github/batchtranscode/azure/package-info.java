/**
 * Public helpers for working with Azure Batch beside a run: {@link io.github.batchtranscode.azure.AzureBatchClients}
 * opens Batch clients configured as the library's own.
 */
package io.github.batchtranscode.azure;
