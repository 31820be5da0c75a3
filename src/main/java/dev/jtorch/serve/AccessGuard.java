package dev.jtorch.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may read the progress server: the access token (as {@code Authorization: Bearer}, the page's cookie, or the
 * {@code ?token=} of the printed address, compared in constant time), and the Host header check that keeps a
 * loopback-only server from answering DNS-rebound names.
 */
final class AccessGuard {
    private final byte[] token;

    AccessGuard(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request carries the token, as a bearer token or as this port's cookie. */
    boolean authorized(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && same(auth.substring(7).trim())) {
            return true;
        }
        String name = ProgressHandler.COOKIE_PREFIX + Request.getLocalPort(request);
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(name) && same(c.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The {@code ?token=} of the request, or {@code null}. */
    static String queryToken(Request request) {
        return Request.extractQueryParameters(request).getValue("token");
    }

    /** Whether {@code candidate} is the token (compared in constant time). */
    boolean same(String candidate) {
        return candidate != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a Host header names this machine's loopback interface (guards against DNS rebinding). */
    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return false;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        boolean ipv6 = host.startsWith("[");
        if (ipv6) {
            int end = host.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = host.substring(1, end);
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (ipv6 ? !host.matches("[0-9a-f:.]+") : !host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return false; // a name: only localhost counts, never a DNS lookup
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }
}
