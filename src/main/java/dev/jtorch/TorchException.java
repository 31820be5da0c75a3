package dev.jtorch;

/**
 * An error raised by libtorch (Python's {@code RuntimeError} from PyTorch), carrying PyTorch's own message, for
 * example {@code mat1 and mat2 shapes cannot be multiplied (64x10 and 5x64)}, without the C++ stack trace.
 *
 * <p>The exception class is jtorch's own; no PyTorch counterpart (PyTorch raises Python's built-in
 * {@code RuntimeError}).
 */
public class TorchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with PyTorch's message and the JavaCPP exception that carried it. */
    public TorchException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message. */
    public TorchException(String message) {
        super(message);
    }
}
