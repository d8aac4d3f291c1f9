package io.github.batchtranscode.internal.azure;

import io.github.batchtranscode.internal.ffmpeg.Encoders;
import io.github.batchtranscode.model.OutputFormat;
import io.github.batchtranscode.model.PoolSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The default start task of a video run: installs ffmpeg when the node lacks it (as {@link PoolSpec#DEFAULT_START_TASK})
 * and then checks that {@code ffmpeg -encoders} lists every encoder the run's presets need, failing the node with a
 * message on stderr naming the missing one — so a pool whose nodes cannot encode fails at start-up, with the
 * reason, instead of every task failing later. Encoder names come from {@link Encoders#needs}, never from users.
 */
final class StartTasks {
    private StartTasks() {
    }

    /** The encoders these formats need, {@code libx264|libopenh264} for H.264 (either will do). */
    static Set<String> needed(List<OutputFormat> formats) {
        Set<String> out = new LinkedHashSet<>();
        for (OutputFormat f : formats) {
            if (f.preset() != null) {
                Encoders.needs(f.preset()).forEach(e -> out.add(e.equals("h264") ? "libx264|libopenh264" : e));
            }
        }
        return out;
    }

    /** The pool spec to create the pool with: the default start task replaced by one checking these formats. */
    static PoolSpec forRun(PoolSpec spec, List<OutputFormat> formats) {
        if (!PoolSpec.DEFAULT_START_TASK.equals(spec.startTaskCommandLine())
                || formats.stream().noneMatch(OutputFormat::isVideo)) {
            return spec; // a user's own start task is theirs to keep
        }
        return spec.toBuilder().startTaskCommandLine(command(needed(formats))).build();
    }

    /** The start task's command line: install if missing, then one check per encoder. */
    static String command(Set<String> encoders) {
        StringBuilder sb = new StringBuilder("/bin/bash -c \"set -e; if ! command -v ffmpeg >/dev/null 2>&1;"
                + " then export DEBIAN_FRONTEND=noninteractive; apt-get -o DPkg::Lock::Timeout=600 update -qq;"
                + " apt-get -o DPkg::Lock::Timeout=600 install -y -qq ffmpeg; fi;");
        for (String e : encoders) {
            if (!e.matches("[a-z0-9|_-]+")) {
                throw new IllegalArgumentException("not an encoder name: " + e);
            }
            String shown = e.replace("|", " or ");
            sb.append(" if ! ffmpeg -hide_banner -encoders 2>/dev/null | grep -Eq ' (").append(e).append(") ';")
                    .append(" then echo 'ffmpeg on this node lacks the encoder ").append(shown)
                    .append(" that the requested presets need: install an ffmpeg built with it (Ubuntu: apt-get")
                    .append(" install ffmpeg), or set PoolSpec.startTaskCommandLine to install one' >&2; exit 1; fi;");
        }
        return sb.append(" ffmpeg -hide_banner -version | head -n 1\"").toString();
    }
}
