package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.node.NodeEnvironment;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.BatchServiceException;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.NodeRecord;
import io.github.batchtranscode.testkit.batch.internal.service.PercentEncoding;
import io.github.batchtranscode.testkit.batch.internal.service.TaskRecord;
import io.github.batchtranscode.testkit.batch.internal.service.Times;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File_* operations on a task's directory and on a node's root directory. */
public final class FileService {
    private final EmulatorState state;
    private final Views views;
    private final TaskService tasks;
    private final PoolService pools;

    public FileService(EmulatorState state, Views views, TaskService tasks, PoolService pools) {
        this.state = state;
        this.views = views;
        this.tasks = tasks;
        this.pools = pools;
    }

    /** Where a request's files live and the URL prefix of their {@code url}s. */
    private record Root(Path dir, String urlPrefix) {
    }

    private Root root(BatchRequest req) {
        synchronized (state) {
            if (req.segment(0).equals("jobs")) {
                TaskRecord t = tasks.task(req);
                String prefix = views.url("/jobs/" + t.job.id + "/tasks/" + t.id + "/files/");
                return new Root(t.lastNode == null ? null : NodeEnvironment.taskDir(t.lastNode, t.job.id, t.id),
                        prefix);
            }
            NodeRecord n = pools.node(req);
            return new Root(n.root, views.url("/pools/" + n.pool.id + "/nodes/" + n.id + "/files/"));
        }
    }

    HttpResponse list(BatchRequest req) {
        Root root = root(req);
        boolean recursive = "true".equalsIgnoreCase(req.param("recursive"));
        List<Path> entries = new ArrayList<>();
        if (root.dir() != null && Files.isDirectory(root.dir())) {
            try (Stream<Path> s = recursive ? Files.walk(root.dir()) : Files.list(root.dir())) {
                s.filter(p -> !p.equals(root.dir())).sorted().forEach(entries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var filter = Listing.<Path>filter(req, java.util.Set.of("name"), (p, prop) ->
                root.dir().relativize(p).toString());
        var page = Listing.page(entries, req, filter);
        return Replies.json(200, Listing.body(req, page, p -> nodeFile(root, p), state.baseUrl(), "files"));
    }

    private static ObjectNode nodeFile(Root root, Path p) {
        String name = root.dir().relativize(p).toString().replace('\\', '/');
        ObjectNode o = BatchJson.object();
        o.put("name", name);
        o.put("url", root.urlPrefix() + name);
        boolean dir = Files.isDirectory(p);
        o.put("isDirectory", dir);
        if (!dir) {
            BasicFileAttributes a = attributes(p);
            ObjectNode props = o.putObject("properties");
            props.put("creationTime", Times.iso(a.creationTime().toInstant()));
            props.put("lastModified", Times.iso(a.lastModifiedTime().toInstant()));
            props.put("contentLength", Long.toString(a.size()));
            props.put("contentType", contentType(p));
            props.put("fileMode", "0o100644");
        }
        return o;
    }

    HttpResponse get(BatchRequest req, int pathFrom, boolean head) {
        Root root = root(req);
        String name = req.rest(pathFrom);
        Path file = resolve(root, name);
        boolean dir = Files.isDirectory(file);
        if (!dir && !head && !Files.isRegularFile(file)) {
            throw BatchServiceException.fileNotFound();
        }
        if (head && !dir && !Files.isRegularFile(file)) {
            return HttpResponse.of(404);
        }
        BasicFileAttributes a = attributes(file);
        byte[] body = new byte[0];
        int status = 200;
        long length = dir ? 0 : a.size();
        String range = req.http().header("ocp-range");
        if (!dir && !head) {
            body = read(file);
            long[] r = range(range, body.length);
            if (r != null) {
                body = java.util.Arrays.copyOfRange(body, (int) r[0], (int) r[1] + 1);
            }
            length = body.length;
        }
        Instant modified = a.lastModifiedTime().toInstant();
        return HttpResponse.of(status)
                .header("Content-Type", dir ? "application/octet-stream" : contentType(file))
                .header("Content-Length", Long.toString(length))
                .header("ETag", "0x" + Long.toHexString(modified.toEpochMilli()).toUpperCase(java.util.Locale.ROOT))
                .header("Last-Modified", Times.rfc1123(modified))
                .header("ocp-creation-time", Times.rfc1123(a.creationTime().toInstant()))
                .header("ocp-batch-file-isdirectory", dir ? "True" : "False")
                .header("ocp-batch-file-url", PercentEncoding.encode(root.urlPrefix() + name))
                .header("ocp-batch-file-mode", dir ? "0o40755" : "0o100644")
                .body(body, null);
    }

    HttpResponse delete(BatchRequest req, int pathFrom) {
        Root root = root(req);
        Path file = resolve(root, req.rest(pathFrom));
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw BatchServiceException.fileNotFound();
        }
        if (Files.isDirectory(file) && !"true".equalsIgnoreCase(req.param("recursive"))) {
            throw BatchServiceException.of(409, "DirectoryNotEmpty", "The directory is not empty; set recursive.");
        }
        deleteTree(file);
        return Replies.empty(200);
    }

    private static Path resolve(Root root, String name) {
        if (root.dir() == null) {
            throw BatchServiceException.fileNotFound();
        }
        Path p = root.dir().resolve(name.replace('\\', '/')).normalize();
        if (!p.startsWith(root.dir().normalize())) {
            throw BatchServiceException.fileNotFound();
        }
        return p;
    }

    private static long[] range(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || size == 0) {
            return null;
        }
        String[] parts = header.substring(6).split("-", 2);
        try {
            long start = parts[0].isBlank() ? 0 : Long.parseLong(parts[0].trim());
            long end = parts.length < 2 || parts[1].isBlank() ? size - 1 : Long.parseLong(parts[1].trim());
            return new long[] {Math.min(start, size - 1), Math.min(end, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String contentType(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".txt") || n.endsWith(".log") ? "text/plain" : "application/octet-stream";
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw BatchServiceException.fileNotFound();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw BatchServiceException.fileNotFound();
        }
    }

    static void deleteTree(Path dir) {
        io.github.batchtranscode.testkit.batch.internal.service.FileTrees.delete(dir);
    }
}
