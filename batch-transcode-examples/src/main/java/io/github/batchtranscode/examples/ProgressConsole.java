package io.github.batchtranscode.examples;

import io.github.batchtranscode.model.ProgressSnapshot;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The console the tutorial writes its story to. In a terminal, progress is one line redrawn in place at the
 * bottom and story lines scroll above it; anywhere else (CI logs, pipes, files) progress is an ordinary line
 * now and then, and no carriage return or escape sequence is ever written. Thread-safe.
 */
final class ProgressConsole {
    /** Carriage return, then ANSI "erase the whole line". */
    static final String CLEAR = "\r\033[2K";
    /** Plain mode logs progress at most this often, and only when a count changed. */
    static final long PLAIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PrintStream out;
    private final boolean live;
    private final int width;
    private final LongSupplier nanoTime;
    private String shown;
    private String lastPlain;
    private long lastPlainAt;

    ProgressConsole(PrintStream out, boolean live, int width, LongSupplier nanoTime) {
        this.out = out;
        this.live = live;
        this.width = width;
        this.nanoTime = nanoTime;
        this.lastPlainAt = nanoTime.getAsLong();
    }

    /** A console for {@code System.out}: live when a terminal is attached. */
    static ProgressConsole system() {
        return new ProgressConsole(System.out, Terminal.interactive(), Terminal.columns(), System::nanoTime);
    }

    /** A plain console on {@code out}, for anything that is not a terminal. */
    static ProgressConsole plain(PrintStream out) {
        return new ProgressConsole(out, false, Integer.MAX_VALUE, System::nanoTime);
    }

    /** Prints a line of the story, above the live line if there is one. */
    synchronized void println(String line) {
        if (shown != null) {
            out.print(CLEAR);
        }
        out.println(line);
        if (shown != null) {
            out.print(shown);
        }
        out.flush();
    }

    /** Shows the counts: redraws the live line, or logs a plain line when it is time to. */
    synchronized void progress(ProgressSnapshot p) {
        if (live) {
            shown = ProgressLine.live(p, width - 1);
            out.print(CLEAR + shown);
            out.flush();
            return;
        }
        String line = ProgressLine.plain(p);
        String counts = p.done() + "/" + p.running();
        long now = nanoTime.getAsLong();
        if (p.done() < p.total() && !counts.equals(lastPlain) && now - lastPlainAt >= PLAIN_INTERVAL_NANOS) {
            lastPlain = counts;
            lastPlainAt = now;
            out.println(line);
            out.flush();
        }
    }

    /** Removes the live line, so what follows starts on a clean line. Idempotent. */
    synchronized void clear() {
        if (shown != null) {
            out.print(CLEAR);
            out.flush();
            shown = null;
        }
    }

    boolean live() {
        return live;
    }
}
