package io.github.batchtranscode.internal.engine;

import io.github.batchtranscode.model.TranscodeRequest;
import java.util.List;
import java.util.Objects;

/**
 * The request turned into a list of files, sorted by input path. Pure data: planning does no transcoding.
 *
 * @param runId   an id for the run (the Azure job id derives from it unless the caller names one)
 * @param request the request as given
 * @param files   the planned files, sorted by input path, task ids and outputs unique
 */
public record TranscodePlan(String runId, TranscodeRequest request, List<PlannedFile> files) {
    public TranscodePlan {
        Objects.requireNonNull(runId, "runId == null");
        Objects.requireNonNull(request, "request == null");
        files = List.copyOf(files);
    }
}
