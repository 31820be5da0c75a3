package dev.jtorch.distributed;

import dev.jtorch.TorchException;

/**
 * A collective or rendezvous that failed in the backend, mirroring {@code torch.distributed.DistBackendError}: a
 * peer that died or closed its connection, a timeout, a store that could not be reached. The message is c10d's
 * own (for example gloo's {@code Connection closed by peer [127.0.0.1]:...}).
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/distributed.html#torch.distributed.DistBackendError">torch.distributed.DistBackendError</a>.
 */
public class DistBackendError extends TorchException {
    private static final long serialVersionUID = 1L;

    /** An error with c10d's message and the native exception that carried it. */
    public DistBackendError(String message, Throwable cause) {
        super(message, cause);
    }
}
