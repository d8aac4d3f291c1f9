package io.github.batchtranscode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a run's files were transcoded, as {@link TranscodeReport#backend()} tells; {@code report.json} spells it in
 * lower case ({@code "local"}, {@code "azure"}).
 *
 * <pre>{@code
 * if (report.backend() == Backend.AZURE) {
 *     System.out.println("pool time: " + report.phaseSeconds().get("pool") + " s");
 * }
 * }</pre>
 */
public enum Backend {
    /** ffmpeg on this machine (the embedded default). */
    LOCAL,
    /** Azure Batch, one task per file on a pool's nodes. */
    AZURE;

    /** The JSON spelling: the name in lower case. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend {@code text} names, in any case. */
    @JsonCreator
    public static Backend fromJson(String text) {
        Objects.requireNonNull(text, "text == null");
        for (Backend b : values()) {
            if (b.name().equalsIgnoreCase(text.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + text + "': expected local or azure");
    }
}
