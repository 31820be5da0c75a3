package dev.jtorch.distributed;

import dev.jtorch.internal.Ops;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.FileStore;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;

/**
 * Python's rendezvous handlers ({@code torch.distributed.rendezvous}): turns an init method into the key-value store
 * the ranks meet in, with the rank and world size. {@code env://} and {@code tcp://} start a {@code TCPStore}
 * (rank 0 is its server), {@code file://} opens a {@code FileStore}. Errors carry PyTorch's messages.
 */
final class Rendezvous {
    /** The store, this process's rank and the world size, and the address rank 0 listens on (null for files). */
    record Result(Store store, int rank, int worldSize, String masterAddr) {}

    private Rendezvous() {}

    static Result connect(InitOptions options, Function<String, String> env) {
        String method = options.initMethod();
        if (method.startsWith("env://")) {
            return env(options, env);
        }
        if (method.startsWith("tcp://")) {
            return tcp(options);
        }
        if (method.startsWith("file://")) {
            return file(options);
        }
        throw new IllegalArgumentException("No rendezvous handler for " + scheme(method) + "://");
    }

    private static String scheme(String method) {
        int i = method.indexOf("://");
        return i < 0 ? method : method.substring(0, i);
    }

    private static Result env(InitOptions o, Function<String, String> env) {
        int rank = o.rank() >= 0 ? o.rank() : intFrom(env, "RANK");
        int worldSize = o.worldSize() > 0 ? o.worldSize() : intFrom(env, "WORLD_SIZE");
        String addr = required(env, "MASTER_ADDR");
        int port = intFrom(env, "MASTER_PORT");
        checkRank(rank, worldSize);
        return new Result(tcpStore(addr, port, rank, worldSize, o), rank, worldSize, addr);
    }

    private static Result tcp(InitOptions o) {
        URI uri = uri(o.initMethod());
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("Error initializing torch.distributed using tcp:// rendezvous: port "
                    + "number missing");
        }
        Map<String, String> query = Query.parse(uri.getRawQuery());
        int rank = o.rank() >= 0 ? o.rank() : queryInt(query, "rank", "tcp");
        int worldSize = o.worldSize() > 0 ? o.worldSize() : queryInt(query, "world_size", "tcp");
        checkRank(rank, worldSize);
        return new Result(tcpStore(uri.getHost(), uri.getPort(), rank, worldSize, o), rank, worldSize, uri.getHost());
    }

    private static Result file(InitOptions o) {
        URI uri = uri(o.initMethod());
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("file:// rendezvous: path missing");
        }
        Map<String, String> query = Query.parse(uri.getRawQuery());
        int rank = o.rank() >= 0 ? o.rank() : queryInt(query, "rank", "file");
        int worldSize = o.worldSize() > 0 ? o.worldSize() : queryInt(query, "world_size", "file");
        checkRank(rank, worldSize);
        FileStore store = Ops.call(() -> new FileStore(path, worldSize));
        store.setTimeout(millis(o));
        return new Result(Ops.unscoped(store), rank, worldSize, null);
    }

    private static Store tcpStore(String host, int port, int rank, int worldSize, InitOptions o) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MASTER_PORT must be a port number in [0, 65535], got " + port);
        }
        TCPStoreOptions options = new TCPStoreOptions();
        options.port((short) port);
        options.isServer(rank == 0);
        options.numWorkers(new SizeTPointer(1).put(worldSize));
        options.waitWorkers(true);
        options.timeout(millis(o));
        TCPStore store = Ops.call(() -> new TCPStore(host, options));
        return Ops.unscoped(store);
    }

    static Milliseconds millis(InitOptions o) {
        return new Milliseconds(Math.max(1, o.timeout().toMillis()));
    }

    private static void checkRank(int rank, int worldSize) {
        if (worldSize <= 0) {
            throw new IllegalArgumentException("world_size must be positive, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new IllegalArgumentException("Invalid rank " + rank + ", rank should be in the interval [0, "
                    + (worldSize - 1) + "]");
        }
    }

    private static String required(Function<String, String> env, String name) {
        String v = env.apply(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("Error initializing torch.distributed using env:// rendezvous: "
                    + "environment variable " + name + " expected, but not set");
        }
        return v;
    }

    private static int intFrom(Function<String, String> env, String name) {
        String v = required(env, name);
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Error initializing torch.distributed using env:// rendezvous: "
                    + "environment variable " + name + " must be an integer, got '" + v + "'", e);
        }
    }

    private static int queryInt(Map<String, String> query, String name, String scheme) {
        String v = query.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Error initializing torch.distributed using " + scheme
                    + ":// rendezvous: " + name.replace('_', ' ') + " parameter missing");
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
        }
    }

    private static URI uri(String method) {
        try {
            return new URI(method);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid init_method '" + method + "': " + e.getMessage(), e);
        }
    }

    /** The {@code ?rank=0&world_size=2} part of an init method. */
    private static final class Query {
        static Map<String, String> parse(String raw) {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return out;
        }
    }
}
