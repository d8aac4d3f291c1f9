package io.github.batchtranscode.testkit.batch.internal.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The user-assigned managed identities of pools, as Azure Resource Manager gives them to a pool it creates (the
 * Batch service API cannot): per pool id, each identity's ARM resource id and where its nodes get bearer tokens
 * for it. Resource ids compare case-insensitively, as ARM's do. Immutable and thread-safe once built; token
 * suppliers are called on node threads and must be thread-safe themselves.
 */
public final class PoolIdentities {
    private final Map<String, Map<String, Supplier<String>>> byPool;

    private PoolIdentities(Map<String, Map<String, Supplier<String>>> byPool) {
        this.byPool = byPool;
    }

    /** No pool has an identity. */
    public static PoolIdentities none() {
        return new PoolIdentities(Map.of());
    }

    /** Collects identities; {@link #build()} copies them. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Map<String, Supplier<String>>> byPool = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> resourceIds = new LinkedHashMap<>();

        /** Gives pool {@code poolId} the identity {@code resourceId}, whose tokens come from {@code tokens}. */
        public Builder add(String poolId, String resourceId, Supplier<String> tokens) {
            Objects.requireNonNull(poolId, "poolId == null");
            Objects.requireNonNull(resourceId, "resourceId == null");
            Objects.requireNonNull(tokens, "tokens == null");
            byPool.computeIfAbsent(key(poolId), k -> new LinkedHashMap<>()).put(key(resourceId), tokens);
            resourceIds.computeIfAbsent(key(poolId), k -> new LinkedHashMap<>()).put(key(resourceId), resourceId);
            return this;
        }

        public PoolIdentities build() {
            Map<String, Map<String, Supplier<String>>> copy = new LinkedHashMap<>();
            byPool.forEach((pool, ids) -> {
                Map<String, Supplier<String>> named = new LinkedHashMap<>();
                ids.forEach((k, v) -> named.put(resourceIds.get(pool).get(k), v));
                copy.put(pool, java.util.Collections.unmodifiableMap(named));
            });
            return new PoolIdentities(java.util.Collections.unmodifiableMap(copy));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The resource ids of the pool's identities, as they were given; empty when it has none. */
    public List<String> of(String poolId) {
        return List.copyOf(byPool.getOrDefault(key(poolId), Map.of()).keySet());
    }

    /** Where the pool's nodes get tokens for {@code resourceId}; null when the pool has no such identity. */
    public Supplier<String> tokens(String poolId, String resourceId) {
        for (Map.Entry<String, Supplier<String>> e : byPool.getOrDefault(key(poolId), Map.of()).entrySet()) {
            if (e.getKey().equalsIgnoreCase(resourceId)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Names the pools and identities, never a token. */
    @Override
    public String toString() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        byPool.forEach((pool, ids) -> names.put(pool, List.copyOf(ids.keySet())));
        return "PoolIdentities" + names;
    }
}
