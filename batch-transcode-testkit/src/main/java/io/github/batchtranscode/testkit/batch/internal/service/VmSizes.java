package io.github.batchtranscode.testkit.batch.internal.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The VM sizes a pool may ask for, compared case-insensitively as the service does ({@code standard_d2s_v5} and
 * {@code Standard_D2s_v5} are the same size). Read from {@code vm-sizes.txt} beside this class.
 */
public final class VmSizes {
    private static final Set<String> SIZES = load();

    private VmSizes() {
    }

    /** @throws BatchServiceException 400 InvalidPropertyValue naming {@code vmSize} when the size is unknown */
    public static void check(String vmSize) {
        if (!SIZES.contains(vmSize.toLowerCase(Locale.ROOT))) {
            throw BatchServiceException.invalidValue("vmSize", vmSize, "Not a VM size Azure Batch pools support "
                    + "(or a retired one, such as Basic_A* and Standard_A0-A11); use e.g. standard_d2s_v5.");
        }
    }

    private static Set<String> load() {
        try (InputStream in = VmSizes.class.getResourceAsStream("vm-sizes.txt")) {
            if (in == null) {
                throw new IllegalStateException("vm-sizes.txt missing from the testkit jar");
            }
            Set<String> sizes = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> sizes.add(l.toLowerCase(Locale.ROOT)));
            return Set.copyOf(sizes);
        } catch (IOException e) {
            throw new UncheckedIOException("vm-sizes.txt could not be read", e);
        }
    }
}
