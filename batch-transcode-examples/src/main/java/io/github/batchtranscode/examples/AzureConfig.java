package io.github.batchtranscode.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.batchtranscode.ConfigurationException;
import io.github.batchtranscode.model.AzureOptions;
import io.github.batchtranscode.model.PoolSpec;
import io.github.batchtranscode.model.StorageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The tutorial's {@code config.py}, for Java: Azure settings from environment variables, or from a JSON file
 * given with {@code --config}. Every error names the setting and never echoes a secret.
 *
 * <pre>
 * {
 *   "batchAccountUrl": "https://mybatch.westeurope.batch.azure.com",
 *   "batchAccountName": "mybatch",
 *   "batchAccountKey": "...",
 *   "storageConnectionString": "...",          (or storageAccountName + storageAccountKey)
 *   "poolId": "LinuxFfmpegPool", "poolVmSize": "standard_d2s_v5",
 *   "dedicatedNodeCount": 0, "lowPriorityNodeCount": 5, "jobId": "LinuxFfmpegJob"
 * }
 * </pre>
 */
final class AzureConfig {
    static final Set<String> KEYS = Set.of("batchAccountUrl", "batchAccountName", "batchAccountKey",
            "storageConnectionString", "storageAccountName", "storageAccountKey", "storageBlobEndpoint", "poolId",
            "poolVmSize", "dedicatedNodeCount", "lowPriorityNodeCount", "taskSlotsPerNode", "jobId");

    private AzureConfig() {
    }

    /** Options from the environment ({@code AZURE_BATCH_ENDPOINT}, ... ). */
    static AzureOptions.Builder fromEnvironment(Map<String, String> env) {
        try {
            AzureOptions.Builder b = AzureOptions.builder()
                    .batchAccount(env.get("AZURE_BATCH_ENDPOINT"), env.get("AZURE_BATCH_ACCOUNT"), env.get("AZURE_BATCH_ACCESS_KEY"));
            String cs = env.get("AZURE_STORAGE_CONNECTION_STRING");
            if (cs != null && !cs.isBlank()) {
                b.storageConnectionString(cs);
            } else {
                b.storageAccount(env.get("AZURE_STORAGE_ACCOUNT"), env.get("AZURE_STORAGE_KEY"), env.get("AZURE_STORAGE_BLOB_ENDPOINT"));
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (environment)");
        }
    }

    /** Options from a JSON file. */
    static AzureOptions.Builder fromFile(Path file) {
        JsonNode root = read(file);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ConfigurationException("the config file " + file + " has an unknown setting '" + key
                        + "'; known settings: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        try {
            AzureOptions.Builder b = AzureOptions.builder().batchAccount(text(root, "batchAccountUrl"),
                    text(root, "batchAccountName"), text(root, "batchAccountKey"));
            if (root.hasNonNull("storageConnectionString")) {
                b.storageConnectionString(text(root, "storageConnectionString"));
            } else {
                b.storageAccount(text(root, "storageAccountName"), text(root, "storageAccountKey"),
                        root.hasNonNull("storageBlobEndpoint") ? text(root, "storageBlobEndpoint") : null);
            }
            PoolSpec.Builder pool = PoolSpec.builder();
            if (root.hasNonNull("poolId")) {
                pool.id(text(root, "poolId"));
            }
            if (root.hasNonNull("poolVmSize")) {
                pool.vmSize(text(root, "poolVmSize"));
            }
            if (root.hasNonNull("dedicatedNodeCount")) {
                pool.dedicatedNodes(number(root, "dedicatedNodeCount"));
            }
            if (root.hasNonNull("lowPriorityNodeCount")) {
                pool.spotNodes(number(root, "lowPriorityNodeCount"));
            }
            if (root.hasNonNull("taskSlotsPerNode")) {
                pool.taskSlotsPerNode(number(root, "taskSlotsPerNode"));
            }
            b.pool(pool.build());
            if (root.hasNonNull("jobId")) {
                b.jobId(text(root, "jobId"));
            }
            return b;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException(e.getMessage() + " (config file " + file + ")");
        }
    }

    /**
     * Storage settings alone from the environment, for the local backend with blob URLs:
     * {@code AZURE_STORAGE_CONNECTION_STRING}, or {@code AZURE_STORAGE_ACCOUNT} + {@code AZURE_STORAGE_KEY}
     * (+ {@code AZURE_STORAGE_BLOB_ENDPOINT}).
     */
    static StorageSettings storageFromEnvironment(Map<String, String> env) {
        String cs = env.get("AZURE_STORAGE_CONNECTION_STRING");
        if (cs != null && !cs.isBlank()) {
            return StorageSettings.connectionString(cs);
        }
        String account = env.get("AZURE_STORAGE_ACCOUNT");
        String key = env.get("AZURE_STORAGE_KEY");
        if (account == null || account.isBlank() || key == null || key.isBlank()) {
            throw new ConfigurationException("blob URLs need storage credentials: set AZURE_STORAGE_CONNECTION_STRING,"
                    + " or AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY, or pass --config with storageConnectionString");
        }
        try {
            return StorageSettings.accountKey(account, key, env.get("AZURE_STORAGE_BLOB_ENDPOINT"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (environment)");
        }
    }

    /** Storage settings alone from a JSON config file (its Batch settings, if any, are not needed). */
    static StorageSettings storageFromFile(Path file) {
        JsonNode root = read(file);
        try {
            if (root.hasNonNull("storageConnectionString")) {
                return StorageSettings.connectionString(text(root, "storageConnectionString"));
            }
            if (root.hasNonNull("storageAccountName") && root.hasNonNull("storageAccountKey")) {
                return StorageSettings.accountKey(text(root, "storageAccountName"), text(root, "storageAccountKey"),
                        root.hasNonNull("storageBlobEndpoint") ? text(root, "storageBlobEndpoint") : null);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage() + " (config file " + file + ")");
        }
        throw new ConfigurationException("the config file " + file + " has no storage settings for the blob URLs:"
                + " add storageConnectionString, or storageAccountName and storageAccountKey");
    }

    private static JsonNode read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigurationException("the config file " + file + " could not be read as JSON: "
                    + e.getClass().getSimpleName() + " at " + location(e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("the config file " + file + " must hold a JSON object");
        }
        return root;
    }

    private static String text(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("setting '" + key + "' must be a string");
        }
        return n.asText();
    }

    private static int number(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (!n.canConvertToInt()) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number");
        }
        return n.asInt();
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return "the start";
    }
}
