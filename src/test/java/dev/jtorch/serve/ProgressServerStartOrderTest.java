package dev.jtorch.serve;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A server that is refused is refused before the run directory it would show is created. */
class ProgressServerStartOrderTest {
    @Test
    void optionsAreValidatedBeforeAnythingExists() {
        ProgressServer.Options open = new ProgressServer.Options().host("0.0.0.0").port(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, open::validate);
        assertTrue(e.getMessage().startsWith("refusing to serve training progress on 0.0.0.0 without an access token"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProgressServer.Options().host("no-such-host.invalid")
                .validate());
        ProgressServer.Options ok = new ProgressServer.Options().port(0);
        assertSame(ok, ok.validate());
        ProgressServer.Options withToken = open.token(ProgressServer.newToken());
        assertSame(withToken, withToken.validate());
    }
}
