package io.github.batchtranscode.testkit.batch.internal.wire;

import io.github.batchtranscode.testkit.batch.BatchFaults;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * The emulator's dice: whether this request gets an injected error, a reset connection or a lost answer, drawn
 * from the settings of a {@link BatchFaults} and its (seedable) random source. Thread-safe.
 */
public final class FaultDraws {
    private static volatile Function<BatchFaults, Random> randomOf;

    private FaultDraws() {
    }

    /** Called once by {@link BatchFaults}: how to reach an instance's random source. */
    public static void bind(Function<BatchFaults, Random> access) {
        if (randomOf == null) {
            randomOf = Objects.requireNonNull(access, "access == null");
        }
    }

    /** The status of the error to inject into this operation, or 0 for none. */
    static int error(BatchFaults faults, String operation) {
        double rate = faults.errorRate();
        if (rate <= 0 || !applies(faults, operation)) {
            return 0;
        }
        Random random = randomOf.apply(faults);
        synchronized (random) {
            if (random.nextDouble() >= rate) {
                return 0;
            }
            List<Integer> s = faults.errorStatuses();
            return s.get(random.nextInt(s.size()));
        }
    }

    /** Whether to reset this request's connection before serving it. */
    static boolean reset(BatchFaults faults) {
        return chance(faults, faults.resetRate());
    }

    /** Whether to drop the answer to this served request. */
    static boolean lostResponse(BatchFaults faults, String operation) {
        return applies(faults, operation) && chance(faults, faults.lostResponseRate());
    }

    /** Whether to answer this one task of a {@code Task_AddCollection} with {@code ServerError}, not adding it. */
    static boolean taskAddServerError(BatchFaults faults) {
        return chance(faults, faults.taskAddServerErrorRate());
    }

    private static boolean applies(BatchFaults faults, String operation) {
        return faults.errorOperations().isEmpty() || faults.errorOperations().contains(operation);
    }

    private static boolean chance(BatchFaults faults, double rate) {
        if (rate <= 0) {
            return false;
        }
        Random random = randomOf.apply(faults);
        synchronized (random) {
            return random.nextDouble() < rate;
        }
    }
}
