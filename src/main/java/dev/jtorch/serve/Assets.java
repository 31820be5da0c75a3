package dev.jtorch.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's static files, from the class path: jtorch's own under {@code dev/jtorch/serve/}, and Chart.js from
 * its WebJar ({@code org.webjars.npm:chart.js}), so the page works offline. Only the names listed here exist.
 */
final class Assets {
    /** A file to serve. */
    record Asset(byte[] bytes, String contentType) {}

    private static final String OWN = "/dev/jtorch/serve/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "map", "application/json; charset=utf-8");

    private final Map<String, String> paths;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    Assets() {
        String chart = "/META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/";
        paths = Map.of(
                "index.html", OWN + "index.html",
                "app.js", OWN + "app.js",
                "app.css", OWN + "app.css",
                "favicon.svg", OWN + "favicon.svg",
                "chart.umd.js", chart + "chart.umd.js",
                "chart.umd.js.map", chart + "chart.umd.js.map");
        get("index.html"); // fail at construction, not on the first request, if the jar lacks the page
        get("chart.umd.js");
    }

    /** The version of the Chart.js WebJar on the class path. */
    static String chartJsVersion() {
        try (InputStream in = Assets.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js WebJar (org.webjars.npm:chart.js) is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The asset, or {@code null} if there is none by that name. */
    Asset get(String name) {
        String path = paths.get(name);
        if (path == null) {
            return null;
        }
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = Assets.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing page asset on the class path: " + path);
                }
                String ext = n.substring(n.lastIndexOf('.') + 1);
                return new Asset(in.readAllBytes(), TYPES.getOrDefault(ext, "application/octet-stream"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
