package io.github.batchtranscode.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Writes a report as JSON with Jackson's streaming generator, field by field in the documented order: the same text
 * as the data-binding mapper writes ({@code ReportJsonTest} holds the two equal), without the mapper's reflection
 * over the model, which cost a JVM's first report half a second or more after its last file. Reading stays with the
 * mapper ({@link ReportJson#read}).
 */
final class ReportWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportWriter() {
    }

    static String write(TranscodeReport r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("jobId", r.jobId());
            g.writeStringField("backend", r.backend() == null ? null : r.backend().json());
            g.writeBooleanField("complete", r.complete());
            g.writeNumberField("succeeded", r.succeeded());
            g.writeNumberField("failed", r.failed());
            instant(g, "startTime", r.startTime());
            instant(g, "endTime", r.endTime());
            seconds(g, "phaseSeconds", r.phaseSeconds());
            timeline(g, r.timeline());
            g.writeNumberField("retries", r.retries());
            g.writeArrayFieldStart("warnings");
            for (String w : r.warnings()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (FileResult f : r.files()) {
                file(g, f);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("report could not be written as JSON", e);
        }
        return out.toString();
    }

    private static void timeline(JsonGenerator g, PhaseTimeline t) throws IOException {
        g.writeObjectFieldStart("timeline");
        seconds(g, "busySeconds", t.busySeconds());
        seconds(g, "criticalPathSeconds", t.criticalPathSeconds());
        g.writeArrayFieldStart("spans");
        for (PhaseTimeline.Span s : t.spans()) {
            g.writeStartObject();
            g.writeStringField("phase", s.phase());
            instant(g, "start", s.start());
            instant(g, "end", s.end());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void file(JsonGenerator g, FileResult f) throws IOException {
        g.writeStartObject();
        g.writeStringField("input", f.input());
        g.writeStringField("output", f.output());
        g.writeStringField("status", f.status() == null ? null : f.status().name());
        number(g, "exitCode", f.exitCode());
        g.writeStringField("error", f.error());
        g.writeStringField("failureCode", f.failureCode() == null ? null
                : f.failureCode() == FailureCode.SERVICE ? f.serviceCode() : f.failureCode().name());
        number(g, "inputDurationSeconds", f.inputDurationSeconds());
        number(g, "outputDurationSeconds", f.outputDurationSeconds());
        instant(g, "startTime", f.startTime());
        instant(g, "endTime", f.endTime());
        g.writeNumberField("attempts", f.attempts());
        g.writeNumberField("requeues", f.requeues());
        g.writeStringField("taskId", f.taskId());
        g.writeStringField("worker", f.worker());
        number(g, "inputBytes", f.inputBytes());
        number(g, "outputBytes", f.outputBytes());
        g.writeStringField("outputBlob", f.outputBlob());
        g.writeArrayFieldStart("outputs");
        for (OutputResult o : f.outputs()) {
            output(g, o);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void output(JsonGenerator g, OutputResult o) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", o.path());
        g.writeStringField("preset", o.preset());
        g.writeStringField("status", o.status() == null ? null : o.status().name());
        g.writeStringField("error", o.error());
        number(g, "width", o.width());
        number(g, "height", o.height());
        g.writeStringField("videoCodec", o.videoCodec());
        g.writeStringField("audioCodec", o.audioCodec());
        number(g, "durationSeconds", o.durationSeconds());
        number(g, "bytes", o.bytes());
        g.writeStringField("encoder", o.encoder());
        g.writeStringField("blob", o.blob());
        g.writeEndObject();
    }

    private static void seconds(JsonGenerator g, String name, Map<String, Double> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            number(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void instant(JsonGenerator g, String name, Instant t) throws IOException {
        g.writeStringField(name, t == null ? null : t.toString());
    }

    private static void number(JsonGenerator g, String name, Number n) throws IOException {
        g.writeFieldName(name);
        if (n == null) {
            g.writeNull();
        } else if (n instanceof Double d) {
            g.writeNumber(d);
        } else if (n instanceof Long l) {
            g.writeNumber(l);
        } else {
            g.writeNumber(n.intValue());
        }
    }
}
