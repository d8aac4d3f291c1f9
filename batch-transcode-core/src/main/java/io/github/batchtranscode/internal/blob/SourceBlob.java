package io.github.batchtranscode.internal.blob;

import java.util.Objects;

/**
 * One listed source blob.
 *
 * @param name     the blob's full name in its container
 * @param relative the name below the location's prefix, the path the request's globs and output names use
 * @param size     its length in bytes
 * @param version  what identifies its content: {@code md5:<hex>} from its Content-MD5, else {@code etag:<etag>}
 */
public record SourceBlob(String name, String relative, long size, String version) {
    public SourceBlob {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(relative, "relative == null");
    }
}
