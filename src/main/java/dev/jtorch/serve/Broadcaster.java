package dev.jtorch.serve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The event streams watching one run: those still catching up on its history (they pull it page by page and
 * are sent nothing else meanwhile) and the live ones, which get every frame as it happens. Sending only queues
 * frames ({@link EventStream#send}), so it never blocks. Guarded by its feed's monitor.
 */
final class Broadcaster {
    private final Set<EventStream> catchingUp = new LinkedHashSet<>();
    private final Set<EventStream> live = new LinkedHashSet<>();

    void addCatchingUp(EventStream s) {
        catchingUp.add(s);
    }

    /** Moves a stream that has caught up to the live set (unless it was closed meanwhile). */
    void goLive(EventStream s) {
        if (catchingUp.remove(s) && !s.isClosed()) {
            live.add(s);
        }
    }

    void remove(EventStream s) {
        catchingUp.remove(s);
        live.remove(s);
    }

    /** Whether any stream is live (worth formatting frames for). */
    boolean hasLive() {
        return !live.isEmpty();
    }

    /** Streams open, catching up or live. */
    int count() {
        return catchingUp.size() + live.size();
    }

    List<EventStream> all() {
        List<EventStream> out = new ArrayList<>(catchingUp);
        out.addAll(live);
        return out;
    }

    /** Queues frames on every live stream. */
    void send(String frames) {
        for (EventStream s : new ArrayList<>(live)) {
            s.send(frames);
        }
    }

    /** Replaces the pending progress frame of every live stream. */
    void sendProgress(String frame) {
        for (EventStream s : new ArrayList<>(live)) {
            s.sendProgress(frame);
        }
    }
}
