package dev.jtorch.serve;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty behind {@link ProgressServer}: a small daemon thread pool, one connector, no server version
 * in the headers, plain-text errors, a two-second graceful stop; and the address it binds (a non-loopback one
 * only with a token) and shows.
 */
final class JettyServer {
    private JettyServer() {}

    /** A server and its connector (whose local port, once started, is the chosen one when configured with 0). */
    record Listening(Server server, ServerConnector connector) {}

    /** A Jetty server on {@code host:port} with {@code handler}, not yet started. */
    static Listening create(String host, int port, long idleTimeoutMillis, ProgressHandler handler) {
        QueuedThreadPool pool = new QueuedThreadPool(24, 2);
        pool.setName("jtorch-serve");
        pool.setDaemon(true);
        Server s = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(idleTimeoutMillis);
        s.addConnector(c);
        s.setHandler(handler);
        s.setErrorHandler(new PlainErrors());
        s.setStopTimeout(2_000);
        s.setStopAtShutdown(true);
        return new Listening(s, c);
    }

    /**
     * Starts a created server.
     *
     * @throws Exception if it cannot listen (a port in use, say); what was started is stopped again
     */
    static void start(Listening l) throws Exception {
        try {
            l.server().start();
        } catch (Exception e) {
            try {
                l.server().stop();
            } catch (Exception ignored) {
                // nothing more to release
            }
            throw e;
        }
    }

    /** The message of the innermost cause (what a failed bind says). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /**
     * The base address a browser can use for a server bound to {@code address} (configured as {@code host}): this
     * machine's name for the wildcard address, an IPv6 literal in brackets.
     */
    static URI baseUri(InetAddress address, String host, int port) {
        String h;
        if (address.isAnyLocalAddress()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        } else if (address instanceof Inet6Address) {
            h = "[" + address.getHostAddress().replaceFirst("%.*", "") + "]";
        } else {
            h = host;
        }
        return URI.create("http://" + h + ":" + port + "/");
    }

    /**
     * The address {@code host} names, refused unless it resolves and, when it is not a loopback address, a token
     * guards it.
     */
    static InetAddress resolve(String host, String token) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host for the progress server: " + host, e);
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new IllegalArgumentException("refusing to serve training progress on " + host
                    + " without an access token: set ProgressServer.Options.token(...) (e.g."
                    + " ProgressServer.newToken()), or bind 127.0.0.1");
        }
        return address;
    }
}
