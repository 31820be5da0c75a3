package dev.jtorch.train;

import dev.jtorch.PyFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar for epochs and batches, in the role of Python's {@code tqdm}: a description, a count
 * towards a total, the rate and time left, and a postfix such as {@code loss=0.4321}. Drawn on standard error (so
 * standard output stays what the tutorial prints) by the maintained {@code me.tongfei:progressbar} library, and
 * silent when standard error is not a terminal (CI logs, pipes) unless the environment variable
 * {@code JTORCH_PROGRESS=1} forces it on.
 *
 * <pre>{@code
 * try (var bar = new ProgressBar("Epoch 1/30", trainLoader.size())) {
 *     for (Batch batch : trainLoader) {
 *         ...
 *         bar.setPostfix("loss", loss.item());   // pbar.set_postfix(loss=...)
 *         bar.step();                            // pbar.update(1)
 *     }
 * }
 * }</pre>
 *
 * <p>jtorch's own; no PyTorch counterpart.
 */
public final class ProgressBar implements AutoCloseable {
    private final me.tongfei.progressbar.ProgressBar bar;
    private final Map<String, String> postfix = new LinkedHashMap<>();
    private long count;

    /** A bar towards {@code total} steps, shown only when standard error is a terminal (or forced on). */
    public ProgressBar(String description, long total) {
        this(description, total, enabledByDefault());
    }

    /** A bar that is drawn only when {@code enabled}. */
    public ProgressBar(String description, long total, boolean enabled) {
        Objects.requireNonNull(description, "description");
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        this.bar = enabled ? new ProgressBarBuilder().setTaskName(description).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(200).build() : null;
    }

    /** Whether bars are drawn by default: standard error is a terminal, or {@code JTORCH_PROGRESS=1}. */
    public static boolean enabledByDefault() {
        String env = System.getenv("JTORCH_PROGRESS");
        if (env != null) {
            return env.equals("1") || env.equalsIgnoreCase("true");
        }
        return System.console() != null;
    }

    /** tqdm's {@code update(1)}. */
    public void step() {
        stepBy(1);
    }

    /** tqdm's {@code update(n)}. */
    public void stepBy(long n) {
        count += n;
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** How many steps were taken. */
    public long count() {
        return count;
    }

    /** tqdm's {@code set_postfix(key=value)}: a number shown with 4 significant decimals, as tqdm does. */
    public void setPostfix(String key, double value) {
        postfix.put(Objects.requireNonNull(key, "key"), PyFormat.fixed(value, 4));
        if (bar != null) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, String> e : postfix.entrySet()) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
            }
            bar.setExtraMessage(b.toString());
        }
    }

    /** The postfix as shown, e.g. {@code loss=0.4321}. */
    public Map<String, String> postfix() {
        return postfix;
    }

    /** Finishes the bar. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** tqdm's {@code tqdm(iterable, desc=..., total=...)}: iterates the items and advances a bar per item. */
    public static <T> Iterable<T> wrap(Iterable<T> items, String description, long total) {
        Objects.requireNonNull(items, "items");
        return () -> {
            ProgressBar bar = new ProgressBar(description, total);
            Iterator<T> it = items.iterator();
            return new Iterator<>() {
                boolean started;

                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more) {
                        bar.close();
                    }
                    return more;
                }

                @Override
                public T next() {
                    if (started) {
                        bar.step();
                    }
                    started = true;
                    return it.next();
                }
            };
        };
    }
}
