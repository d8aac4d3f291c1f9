package io.github.batchtranscode.testkit.azurite;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Azurite's blob metadata database ({@value #BLOB_DB}, a LokiJS file) holding one template blob, extended with
 * copies of that blob's record under other names. Every field of a copy is the template's (content, extent, MD5,
 * properties) except its name, its Loki id and its ETag; the blob collection's binary indexes (positions sorted
 * by account, container, name, snapshot, as LokiJS keeps them) are written for the whole collection, so Azurite's
 * queries find the copies the same way they find blobs it stored itself.
 */
final class LokiSeedFile {
    static final String BLOB_DB = "__azurite_db_blob__.json";
    private static final String BLOBS = "$BLOBS_COLLECTION$";
    private static final List<String> INDEXED = List.of("accountName", "containerName", "name", "snapshot");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    LokiSeedFile(Path file) {
        this.file = file;
    }

    /** Rewrites the file with {@code names} in {@code container}: {@code names.get(0)} must be its only blob. */
    void extend(String container, List<String> names) throws IOException {
        for (String n : names) {
            if (looksNumeric(n)) { // LokiJS orders numeric-looking strings as numbers; the seed orders text
                throw new IllegalArgumentException("a seeded blob name must not read as a number: " + n);
            }
        }
        JsonNode root = JSON.readTree(file.toFile());
        ObjectNode blobs = collection(root);
        JsonNode data = blobs.path("data");
        if (data.size() != 1 || !names.get(0).equals(data.get(0).path("name").asText())
                || !container.equals(data.get(0).path("containerName").asText())
                || data.get(0).path("persistency").isMissingNode()) {
            throw new IllegalStateException("Azurite's database " + file + " does not hold exactly the template blob "
                    + container + "/" + names.get(0) + " in the layout the seed expects");
        }
        for (String key : INDEXED) {
            if (!blobs.path("binaryIndices").has(key)) {
                throw new IllegalStateException("Azurite's blob collection in " + file + " has no index on " + key);
            }
        }
        ObjectNode template = (ObjectNode) data.get(0);
        Path tmp = file.resolveSibling(file.getFileName() + ".seeding");
        try (JsonGenerator g = JSON.getFactory().createGenerator(tmp.toFile(), JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                g.writeFieldName(f.getKey());
                if (!f.getKey().equals("collections")) {
                    JSON.writeTree(g, f.getValue());
                    continue;
                }
                g.writeStartArray();
                for (JsonNode c : f.getValue()) {
                    if (c == blobs) {
                        writeBlobs(g, blobs, template, names);
                    } else {
                        JSON.writeTree(g, c);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ObjectNode collection(JsonNode root) {
        for (JsonNode c : root.path("collections")) {
            if (BLOBS.equals(c.path("name").asText())) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalStateException("Azurite's database " + file + " has no " + BLOBS);
    }

    private static void writeBlobs(JsonGenerator g, ObjectNode blobs, ObjectNode template, List<String> names)
            throws IOException {
        long etagBase = Long.parseLong(template.path("properties").path("etag").asText().replaceAll("[^0-9A-Fa-fx]", "")
                .replaceFirst("^0x", ""), 16);
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = blobs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            g.writeFieldName(f.getKey());
            switch (f.getKey()) {
                case "data" -> {
                    g.writeStartArray();
                    for (int i = 0; i < names.size(); i++) {
                        ObjectNode doc = template.deepCopy();
                        doc.put("name", names.get(i));
                        doc.put("$loki", i + 1);
                        ((ObjectNode) doc.path("properties")).put("etag",
                                String.format(Locale.ROOT, "\"0x%X\"", etagBase + i));
                        JSON.writeTree(g, doc);
                    }
                    g.writeEndArray();
                }
                case "maxId" -> g.writeNumber(names.size());
                case "idIndex" -> g.writeNull();
                case "binaryIndices" -> writeIndices(g, names);
                default -> JSON.writeTree(g, f.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Each index: every position, sorted by the property; only the names differ, so the others are in order. */
    private static void writeIndices(JsonGenerator g, List<String> names) throws IOException {
        int[] byName = IntStream.range(0, names.size()).boxed().sorted((a, b) -> names.get(a).compareTo(names.get(b)))
                .mapToInt(Integer::intValue).toArray();
        g.writeStartObject();
        for (String key : INDEXED) {
            g.writeObjectFieldStart(key);
            g.writeStringField("name", key);
            g.writeBooleanField("dirty", false);
            g.writeArrayFieldStart("values");
            for (int i = 0; i < names.size(); i++) {
                g.writeNumber(key.equals("name") ? byName[i] : i);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return s.isBlank();
        }
    }
}
