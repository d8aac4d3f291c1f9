package io.github.batchtranscode.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The one place reports are turned into JSON and back. */
final class ReportJson {
    /** Made on the first read: writing a report needs no data binding (see {@link ReportWriter}). */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ReportJson() {
    }

    public static String write(TranscodeReport report) {
        return ReportWriter.write(report);
    }

    /** The same text as {@link #write}, written by data binding from the model's annotations; for tests. */
    static String writeBound(TranscodeReport report) {
        try {
            return Mapper.INSTANCE.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report could not be written as JSON", e);
        }
    }

    public static void write(TranscodeReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".report-", ".json.part");
        try {
            Files.writeString(tmp, write(report) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static TranscodeReport read(String json) {
        try {
            return Mapper.INSTANCE.readValue(json, TranscodeReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not a transcode report: " + e.getOriginalMessage(), e);
        }
    }
}
