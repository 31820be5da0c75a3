package dev.jtorch.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The threads that forward the ranks' streams for {@link Launcher}: rank 0's standard output as it is (less gloo's
 * connection report), every other stream line by line with a {@code [rankN]:} prefix.
 */
final class RankOutput {
    private RankOutput() {}

    static Thread copy(InputStream in, OutputStream out, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the rank is gone
            }
        }, "jtorch-launcher-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * gloo's connection report, which libtorch 2.10's gloo writes to standard output with {@code std::cout} when a
     * group is made ({@code [Gloo] Rank 0 is connected to 1 peer ranks. Expected number of connected peer ranks is :
     * 1}): the launcher moves it to standard error so that rank 0's standard output is the program's own.
     */
    static final java.util.regex.Pattern GLOO_CONNECTED = java.util.regex.Pattern.compile(
            "\\[Gloo\\] Rank \\d+ is (NOT )?connected to .*");

    /** Rank 0's standard output, line by line as it comes, less gloo's connection report (to {@code err}). */
    static Thread rankZeroOut(InputStream in, PrintStream out, PrintStream err) {
        Thread t = new Thread(() -> {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    int start = 0;
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            line.write(buf, start, i + 1 - start);
                            emit(line, out, err);
                            start = i + 1;
                        }
                    }
                    line.write(buf, start, n - start);
                    if (line.size() > 0 && in.available() == 0 && !startsLikeGloo(line)) {
                        emit(line, out, err); // a prompt or progress without a newline yet
                    }
                }
            } catch (IOException e) {
                // the rank is gone
            }
            emit(line, out, err);
        }, "jtorch-launcher-rank0-out");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean startsLikeGloo(java.io.ByteArrayOutputStream line) {
        byte[] head = "[Gloo]".getBytes(StandardCharsets.US_ASCII);
        byte[] b = line.toByteArray();
        for (int i = 0; i < Math.min(head.length, b.length); i++) {
            if (b[i] != head[i]) {
                return false;
            }
        }
        return true;
    }

    private static void emit(java.io.ByteArrayOutputStream line, PrintStream out, PrintStream err) {
        if (line.size() == 0) {
            return;
        }
        byte[] b = line.toByteArray();
        line.reset();
        String text = new String(b, StandardCharsets.UTF_8).stripTrailing();
        PrintStream target = GLOO_CONNECTED.matcher(text).matches() ? err : out;
        synchronized (target) {
            target.write(b, 0, b.length);
            target.flush();
        }
    }

    static Thread prefixed(InputStream in, PrintStream out, String prefix, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.println(prefix + line);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the rank is gone
            }
        }, "jtorch-launcher-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
