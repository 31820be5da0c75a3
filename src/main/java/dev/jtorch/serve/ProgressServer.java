package dev.jtorch.serve;

import dev.jtorch.train.RunDirectory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live progress page for training runs, on embedded Jetty 12: while a model trains, open the printed address in
 * a browser to watch it learn (status, model summary, hyperparameters, progress bars with throughput and ETA,
 * loss/accuracy/learning-rate charts with best-epoch and scheduler/early-stopping markers) and download its
 * checkpoints. It serves every run under a runs root ({@link RunDirectory}'s format), the live one and finished
 * ones, read-only.
 *
 * <pre>
 * Path runs = Path.of("runs");
 * try (ProgressServer server = new ProgressServer(runs, new ProgressServer.Options().port(8080))) {
 *     // the server first: a refused configuration throws before any run directory exists
 *     RunDirectory run = RunDirectory.create(runs, "mnist-mlp", config);
 *     server.attach(run);       // live events straight from the run, no file polling
 *     server.start();           // prints the address on stderr; a busy port only warns
 *     train(run);               // run.logEpoch(...), run.progress(...), run.checkpointWritten(...)
 *     run.markFinished();
 *     server.serveUntilInterrupted(); // keeps the finished run on the page until Ctrl+C
 * }
 * </pre>
 *
 * <p>Created unstarted, started by the training program (the Jetty embedded pattern). Defaults: 127.0.0.1:8080;
 * port 0 picks a free port. Binding to any non-loopback address requires an access {@linkplain Options#token
 * token} (the constructor refuses otherwise); with a token every request must carry it, as
 * {@code Authorization: Bearer <token>} or as the cookie the page sets when first opened with
 * {@code ?token=<token>}. Training never waits on the server: events reach it through bounded, coalescing queues,
 * a slow or vanished browser is disconnected (and resumes where it left off), and a port already in use only
 * prints a warning. The endpoints are listed in {@code docs/run-directory.md}.
 *
 * <p>jtorch's own; no PyTorch counterpart. Closest in PyTorch:
 * <a href="https://pytorch.org/docs/stable/tensorboard.html">torch.utils.tensorboard</a>.
 */
public final class ProgressServer implements AutoCloseable {
    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Where and how the server listens. Fluent setters, validated as they are called; the combination (a
     * non-loopback address needs a token) is validated by the {@link ProgressServer} constructor.
     */
    public static final class Options {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String token;
        private int maxEventStreams = 16;
        private long heartbeatMillis = 10_000;
        private long refreshMillis = 1_000;
        private long idleTimeoutMillis = 30_000;
        private int metricsInMemory = RunStore.DEFAULT_WINDOW_CAPACITY;

        /** Default options: 127.0.0.1:8080, no token, 16 event streams. */
        public Options() {}

        /** The address to bind: a host name or IP literal; {@code 0.0.0.0} for every interface. */
        public Options host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank");
            }
            this.host = host.trim();
            return this;
        }

        /** The port, 0 to 65535; 0 picks a free one (see {@link ProgressServer#port()}). */
        public Options port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The access token every request must then carry; required to bind a non-loopback address. At least 16
         * characters from {@code [A-Za-z0-9._~-]} (safe in a URL and a cookie as they are);
         * {@link ProgressServer#newToken()} makes a good one. {@code null} for none.
         */
        public Options token(String token) {
            if (token != null && !token.matches("[A-Za-z0-9._~-]{16,}")) {
                throw new IllegalArgumentException("token must be at least 16 characters from [A-Za-z0-9._~-]");
            }
            this.token = token;
            return this;
        }

        /** How many event streams (open pages) may be connected at once; more get 503. Default 16. */
        public Options maxEventStreams(int maxEventStreams) {
            if (maxEventStreams < 1) {
                throw new IllegalArgumentException("maxEventStreams must be >= 1, got " + maxEventStreams);
            }
            this.maxEventStreams = maxEventStreams;
            return this;
        }

        Options heartbeatMillis(long millis) {
            this.heartbeatMillis = millis;
            return this;
        }

        Options refreshMillis(long millis) {
            this.refreshMillis = millis;
            return this;
        }

        Options idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        Options metricsInMemory(int records) {
            this.metricsInMemory = records;
            return this;
        }

        /** The address to bind. */
        public String host() {
            return host;
        }

        /** The configured port (0: any free one). */
        public int port() {
            return port;
        }

        /** The access token, or {@code null}. */
        public String token() {
            return token;
        }

        /** The cap on concurrent event streams. */
        public int maxEventStreams() {
            return maxEventStreams;
        }

        /**
         * Checks the combination before anything is created: the host must resolve, and a non-loopback address
         * needs a token. Call it before creating the run directory the server will show, so that a refused
         * server never leaves a run behind marked {@code running}; the {@link ProgressServer} constructor calls
         * it too.
         *
         * @return this
         * @throws IllegalArgumentException if the host is unknown, or is not a loopback address and no token is set
         */
        public Options validate() {
            resolve();
            return this;
        }

        private InetAddress resolve() {
            return JettyServer.resolve(host, token);
        }

        private Options copy() {
            Options o = new Options();
            o.host = host;
            o.port = port;
            o.token = token;
            o.maxEventStreams = maxEventStreams;
            o.heartbeatMillis = heartbeatMillis;
            o.refreshMillis = refreshMillis;
            o.idleTimeoutMillis = idleTimeoutMillis;
            o.metricsInMemory = metricsInMemory;
            return o;
        }
    }

    /** How often the timer sends each run's new metrics and latest progress to its open streams. */
    static final long PROGRESS_INTERVAL_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ProgressServer.class);

    private final Options options;
    private final InetAddress address;
    private final RunStore store;
    private final Assets assets;
    private final List<RunDirectory> attached = new ArrayList<>();

    private Server server;
    private ServerConnector connector;
    private ProgressHandler handler;
    private FeedTimer timer;
    private volatile boolean running;
    private boolean started;

    /** A server for the runs under {@code runsRoot} with default {@link Options} (127.0.0.1:8080). */
    public ProgressServer(Path runsRoot) {
        this(runsRoot, new Options());
    }

    /**
     * A server for the runs under {@code runsRoot}, not yet started.
     *
     * @throws IllegalArgumentException if the host is unknown, or is not a loopback address and no token is set
     *     (see {@link Options#validate()})
     */
    public ProgressServer(Path runsRoot, Options options) {
        Objects.requireNonNull(runsRoot, "runsRoot");
        this.options = Objects.requireNonNull(options, "options").copy();
        this.address = this.options.resolve();
        this.store = new RunStore(runsRoot, this.options.metricsInMemory);
        this.assets = new Assets();
    }

    /** A fresh random access token: 32 bytes from {@link SecureRandom}, base64url without padding. */
    public static String newToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Follows an in-process run through its listener, so the page updates as soon as something is recorded (no
     * file polling) and shows live progress. The run must live under this server's runs root. Before or after
     * {@link #start()}.
     *
     * @return this server
     */
    public ProgressServer attach(RunDirectory run) {
        Objects.requireNonNull(run, "run");
        store.attach(run);
        synchronized (this) {
            attached.add(run);
        }
        return this;
    }

    /**
     * Starts listening and prints the page's address on stderr. If the address cannot be bound (a port already
     * in use, say) it prints a warning instead and returns {@code false}: training goes on without the page.
     *
     * @return whether the server is now listening
     * @throws IllegalStateException if called twice
     */
    public synchronized boolean start() {
        if (started) {
            throw new IllegalStateException("ProgressServer.start() was already called");
        }
        started = true;
        ProgressHandler h = new ProgressHandler(store, assets, options.token, address.isLoopbackAddress(),
                options.maxEventStreams);
        JettyServer.Listening l = JettyServer.create(options.host, options.port, options.idleTimeoutMillis, h);
        try {
            JettyServer.start(l);
        } catch (Exception e) {
            LOG.warn("the progress server cannot listen on {}:{} ({}); training continues without the progress page",
                    options.host, options.port, JettyServer.rootMessage(e));
            return false;
        }
        server = l.server();
        connector = l.connector();
        handler = h;
        timer = new FeedTimer(store, h, options.refreshMillis, PROGRESS_INTERVAL_MILLIS, options.heartbeatMillis);
        timer.start();
        running = true;
        LOG.info("watch training at {}", pageUri());
        return true;
    }

    /** Whether the server is listening. */
    public boolean isRunning() {
        return running;
    }

    /** The port it listens on (the chosen one when configured with 0), or -1 when not running. */
    public int port() {
        ServerConnector c = connector;
        return running && c != null ? c.getLocalPort() : -1;
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:8080/}, or {@code null} when not running. */
    public URI uri() {
        if (!running) {
            return null;
        }
        return JettyServer.baseUri(address, options.host, port());
    }

    /**
     * The address to open in a browser: the page of the first attached run (else the overview), with
     * {@code ?token=} when a token is set. {@code null} when not running.
     */
    public URI pageUri() {
        URI base = uri();
        if (base == null) {
            return null;
        }
        String path = "";
        synchronized (this) {
            if (!attached.isEmpty()) {
                path = "runs/" + attached.get(0).id();
            }
        }
        return base.resolve(path + (options.token == null ? "" : "?token=" + options.token));
    }

    /**
     * Blocks while the server runs, after saying on stderr that training is over and the page stays up until the
     * program is interrupted (Ctrl+C, which stops the server cleanly). Returns at once if the server is not
     * running; returns early if this thread is interrupted (its interrupt status is kept).
     */
    public void serveUntilInterrupted() {
        Server s;
        synchronized (this) {
            s = server;
        }
        if (!running || s == null) {
            return;
        }
        LOG.info("training is over; the progress page keeps serving at {} until this program is interrupted (Ctrl+C)",
                pageUri());
        try {
            s.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the server: closes the event streams, stops Jetty (waiting up to two seconds for requests in
     * flight) and detaches from live runs. Idempotent; the server cannot be started again.
     */
    public synchronized void stop() {
        started = true;
        running = false;
        if (timer != null) {
            timer.stop();
            timer = null;
        }
        if (handler != null) {
            for (EventStream st : handler.streams()) {
                st.close(null);
            }
        }
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("the progress server did not stop cleanly", e);
            }
            server = null;
        }
        for (RunDirectory run : attached) {
            for (RunFeed f : store.all()) {
                if (f.id().equals(run.id())) {
                    f.detach(run);
                }
            }
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The runs it serves (for tests: their caches and read counters). */
    RunStore store() {
        return store;
    }

    /** Open event streams right now (for tests and diagnostics). */
    int openEventStreams() {
        ProgressHandler h = handler;
        return h == null ? 0 : h.streams().size();
    }

    @Override
    public String toString() {
        return "ProgressServer(" + store.root() + ", " + (running ? uri() : "not running") + ")";
    }
}
