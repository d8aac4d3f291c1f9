package io.github.batchtranscode.internal.blob;

import io.github.batchtranscode.model.BlobLocation;
import io.github.batchtranscode.model.FailureCode;
import io.github.batchtranscode.model.FileResult;

/** The words of a failed row whose input is a source blob, the same on every backend: which blob, what to do. */
public final class SourceRows {
    private SourceRows() {
    }

    /**
     * The row with its error naming the source blob and its container; a blob that is not usable media also says
     * what to do about it. A succeeded row, or one without an error, is returned as it is.
     */
    public static FileResult named(FileResult row, BlobLocation source) {
        if (row.succeeded() || row.error() == null) {
            return row;
        }
        String error = "source blob '" + row.input() + "' in container '" + source.container() + "': " + row.error();
        if (row.failureCode() == FailureCode.INVALID_INPUT) {
            error += ". Replace the blob with a playable media file, or leave it out with an exclude glob"
                    + " (TranscodeRequest.Builder.excludes)";
        }
        return row.toBuilder().error(error).build();
    }
}
