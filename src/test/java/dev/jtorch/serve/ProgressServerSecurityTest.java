package dev.jtorch.serve;

import static dev.jtorch.serve.ServerTestSupport.CLIENT;
import static dev.jtorch.serve.ServerTestSupport.get;
import static dev.jtorch.serve.ServerTestSupport.getBytes;
import static dev.jtorch.serve.ServerTestSupport.raw;
import static dev.jtorch.serve.ServerTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.serve.ServerTestSupport.RawResponse;
import dev.jtorch.train.RunDirectory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Path traversal in every form, the token rules, the host check, read-only methods. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressServerSecurityTest {
    @TempDir
    static Path root;
    @TempDir
    static Path outside;

    ProgressServer server;
    RunDirectory run;
    String id;
    static final String SECRET = "top-secret-config-content";

    @BeforeAll
    void start() throws Exception {
        run = RunDirectory.create(root, "sec", Map.of("note", SECRET, "total_epochs", 1));
        id = run.id();
        Files.write(run.checkpointsDir().resolve("good.pt"), new byte[] {1, 2, 3});
        Files.write(run.checkpointsDir().resolve(".partial.pt.tmp"), new byte[] {9});
        Files.createDirectory(run.checkpointsDir().resolve("subdir"));
        Files.write(run.checkpointsDir().resolve("subdir").resolve("nested.pt"), new byte[] {5});
        Files.writeString(outside.resolve("passwd"), "root:x:0:0:" + SECRET);
        Files.createSymbolicLink(run.checkpointsDir().resolve("escape.pt"), outside.resolve("passwd"));
        Files.createSymbolicLink(run.checkpointsDir().resolve("config.pt"), run.path().resolve("config.json"));
        Files.createSymbolicLink(run.checkpointsDir().resolve("alias.pt"), run.checkpointsDir().resolve("good.pt"));
        Files.createSymbolicLink(run.checkpointsDir().resolve("etc"), Path.of("/etc"));
        // a second run whose checkpoints directory is a link to somewhere else
        RunDirectory linked = RunDirectory.create(root, "linked", Map.of());
        Files.delete(linked.checkpointsDir());
        Files.createSymbolicLink(linked.checkpointsDir(), outside);
        // a run directory that is itself a link
        Files.createSymbolicLink(root.resolve("20250101-000000-symlinked"), run.path());

        server = new ProgressServer(root, new ProgressServer.Options().port(0));
        assertTrue(server.start());
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void onlyRegularFilesInsideCheckpointsAreListedAndDownloadable() throws Exception {
        String list = get(server, "/api/runs/" + id + "/checkpoints").body();
        assertTrue(list.contains("\"good.pt\"") && list.contains("\"alias.pt\""), list);
        for (String hidden : new String[] {"escape.pt", "config.pt", "partial", "subdir", "nested", "\"etc\""}) {
            assertFalse(list.contains(hidden), hidden + " is listed: " + list);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, getBytes(server, "/runs/" + id + "/checkpoints/good.pt").body());
        assertArrayEquals(new byte[] {1, 2, 3}, getBytes(server, "/runs/" + id + "/checkpoints/alias.pt").body(),
                "a link that stays inside checkpoints/ is fine");
        assertEquals(404, get(server, "/api/runs/20250101-000000-symlinked").statusCode(),
                "a linked run directory is not a run");
        assertFalse(get(server, "/api/runs").body().contains("symlinked"));
    }

    @Test
    void traversalVectorsGet400Or404AndNeverTheFile() throws Exception {
        String ck = "/runs/" + id + "/checkpoints/";
        List<String> vectors = new ArrayList<>(List.of(
                ck + "../config.json",
                ck + "../../../../etc/passwd",
                ck + "%2e%2e/config.json",
                ck + "%2E%2E/config.json",
                ck + ".%2e/config.json",
                ck + "..%2fconfig.json",
                ck + "..%2Fconfig.json",
                ck + "%2e%2e%2fconfig.json",
                ck + "..%5cconfig.json",
                ck + "..\\config.json",
                ck + "%252e%252e%252fconfig.json",
                ck + "%2fetc%2fpasswd",
                ck + "/etc/passwd",
                ck + "etc/passwd",
                ck + "subdir/nested.pt",
                ck + "escape.pt",
                ck + "config.pt",
                ck + ".partial.pt.tmp",
                ck + "good.pt%00.txt",
                ck + "good.pt;x=1",
                ck + "%c0%ae%c0%ae/config.json",
                ck + "..",
                ck + ".",
                ck,
                "/runs/" + id + "/checkpoints",
                "/runs/" + id + "/config.json",
                "/runs/" + id + "/metrics.jsonl",
                "/runs/../" + id + "/checkpoints/good.pt",
                "/runs/%2e%2e/" + id + "/checkpoints/good.pt",
                "/runs/.." + "/etc/passwd",
                "/runs/20250101-000000-symlinked/checkpoints/good.pt",
                "/api/runs/" + id + "/../../etc/passwd",
                "/api/runs/%2e%2e",
                "/assets/../runs",
                "/assets/%2e%2e/app.js",
                "//etc/passwd",
                "/etc/passwd"));
        for (Path p : List.of(root, outside)) {
            vectors.add(ck + p.toAbsolutePath()); // absolute paths appended
        }
        for (String v : vectors) {
            RawResponse r = raw(server.port(), "GET " + v + " HTTP/1.1");
            assertTrue(r.status() == 400 || r.status() == 404, v + " -> " + r.status());
            assertEquals("nosniff", r.headers().get("x-content-type-options"), v + ": errors carry the headers too");
            assertTrue(r.headers().get("content-security-policy").contains("script-src 'self'"), v);
            assertFalse(r.body().contains(SECRET), v + " leaked a file");
            assertFalse(r.body().contains("root:x"), v + " leaked a file");
        }
        // the other run, whose checkpoints directory is a link to elsewhere
        String linkedId = null;
        try (var ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (p.getFileName().toString().endsWith("-linked")) {
                    linkedId = p.getFileName().toString();
                }
            }
        }
        RawResponse r = raw(server.port(), "GET /runs/" + linkedId + "/checkpoints/passwd HTTP/1.1");
        assertEquals(404, r.status());
        assertFalse(r.body().contains("root:x"));
        assertEquals("{\"run\":\"" + linkedId + "\",\"checkpoints\":[]}",
                get(server, "/api/runs/" + linkedId + "/checkpoints").body());
    }

    @Test
    void absoluteFormRequestTargetsAreCheckedToo() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        RawResponse ok = raw(server.port(), "GET " + base + "/runs/" + id + "/checkpoints/good.pt HTTP/1.1");
        assertEquals(200, ok.status());
        RawResponse bad = raw(server.port(), "GET " + base + "/runs/" + id + "/checkpoints/%2e%2e/config.json HTTP/1.1");
        assertTrue(bad.status() == 400 || bad.status() == 404, String.valueOf(bad.status()));
        assertFalse(bad.body().contains(SECRET));
    }

    @Test
    void theServerIsReadOnly() throws Exception {
        for (int round = 0; round < 20; round++) { // unread request bodies never poison a reused connection
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
                HttpResponse<String> r = CLIENT.send(request(server, "/api/runs")
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(405, r.statusCode(), method);
                assertEquals("GET, HEAD", r.headers().firstValue("allow").orElse(""), method);
            }
            assertEquals(200, get(server, "/api/runs").statusCode());
        }
        RawResponse trace = raw(server.port(), "TRACE / HTTP/1.1");
        assertTrue(trace.status() == 405 || trace.status() == 400, String.valueOf(trace.status()));
    }

    @Test
    void onlyLoopbackHostNamesAreAnswered() throws Exception {
        assertEquals(403, raw(server.port(), "GET /api/runs HTTP/1.1", "Host: evil.example").status(),
                "a rebinding attack's host is refused");
        assertEquals(403, raw(server.port(), "GET /api/runs HTTP/1.1", "Host: 10.0.0.1:80").status());
        assertEquals(200, raw(server.port(), "GET /api/runs HTTP/1.1", "Host: localhost:" + server.port()).status());
        assertEquals(200, raw(server.port(), "GET /api/runs HTTP/1.1", "Host: 127.0.0.1").status());
        assertTrue(ProgressHandler.loopbackHost("[::1]:8080"));
        assertTrue(ProgressHandler.loopbackHost("127.1.2.3"));
        assertFalse(ProgressHandler.loopbackHost("localhost.evil.example"));
        assertFalse(ProgressHandler.loopbackHost("[::2]"));
        assertFalse(ProgressHandler.loopbackHost(""));
    }

    @Test
    void nonLoopbackAddressesNeedAToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgressServer(root, new ProgressServer.Options().host("0.0.0.0").port(0)));
        assertTrue(e.getMessage().contains("without an access token"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().token("short"));
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().token("bad token with spaces"));
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().port(70000));
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().maxEventStreams(0));
        assertThrows(IllegalArgumentException.class,
                () -> new ProgressServer(root, new ProgressServer.Options().host("no-such-host.invalid")));
        assertTrue(ProgressServer.newToken().matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        String token = ProgressServer.newToken();
        try (ProgressServer s = new ProgressServer(root,
                new ProgressServer.Options().host("0.0.0.0").port(0).token(token))) {
            assertTrue(s.start());
            assertTrue(s.pageUri().toString().endsWith("?token=" + token));
            String[] paths = {"/", "/runs/" + id, "/assets/app.js", "/api/runs", "/api/runs/" + id,
                "/api/runs/" + id + "/metrics", "/api/runs/" + id + "/checkpoints", "/api/runs/" + id + "/events",
                "/runs/" + id + "/checkpoints/good.pt", "/nothing"};
            for (String p : paths) {
                HttpResponse<String> r = get(s, p);
                assertEquals(401, r.statusCode(), p);
                assertTrue(r.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"), p);
                assertEquals(401, get(s, p, "Authorization", "Bearer wrong-" + token).statusCode(), p);
                assertEquals(401, get(s, p, "Cookie", ProgressHandler.COOKIE_PREFIX + s.port() + "=x").statusCode(), p);
            }
            assertEquals(200, get(s, "/api/runs", "Authorization", "Bearer " + token).statusCode());
            assertArrayEquals(new byte[] {1, 2, 3}, getBytes(s, "/runs/" + id + "/checkpoints/good.pt",
                    "Authorization", "Bearer " + token).body());
            assertEquals(401, get(s, "/api/runs?token=" + token).statusCode(), "the query token only opens the page");
            assertEquals(401, get(s, "/runs/" + id + "/checkpoints/good.pt?token=" + token).statusCode());
            assertEquals(401, get(s, "/?token=wrong" + token).statusCode());

            HttpResponse<String> page = get(s, "/runs/" + id + "?token=" + token);
            assertEquals(200, page.statusCode());
            String cookie = page.headers().firstValue("set-cookie").orElseThrow();
            assertTrue(cookie.startsWith(ProgressHandler.COOKIE_PREFIX + s.port() + "=" + token), cookie);
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Strict"), cookie);
            assertTrue(cookie.contains("Path=/"), cookie);
            String pair = cookie.substring(0, cookie.indexOf(';'));
            for (String p : paths) {
                int expected = p.equals("/nothing") ? 404 : 200;
                if (p.endsWith("/events")) {
                    try (SseClient sse = new SseClient(s, p, "Cookie", pair)) {
                        assertEquals(200, sse.response.statusCode());
                        assertEquals("status", sse.next(10).type());
                    }
                    continue;
                }
                assertEquals(expected, get(s, p, "Cookie", pair).statusCode(), p);
            }
        }
    }
}
