package io.github.batchtranscode.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A step of the run's story: what a console shows ("Uploading LowPriVMs-1.mp4 to container input",
 * "Creating pool", "Adding 5 tasks to job"). Messages never contain secrets.
 *
 * <pre>{@code
 * TranscodeListener story = new TranscodeListener() {
 *     @Override
 *     public void onPhase(PhaseEvent e) {
 *         System.out.println(e.time() + " [" + e.phase() + "] " + e.message());
 *     }
 * };
 * }</pre>
 *
 * @param phase   the phase the step belongs to
 * @param message what happened, for a human
 * @param time    when it happened
 */
public record PhaseEvent(Phase phase, String message, Instant time) {
    public PhaseEvent {
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(time, "time == null");
    }
}
