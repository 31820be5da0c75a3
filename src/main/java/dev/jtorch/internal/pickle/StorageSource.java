package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import java.nio.file.Path;

/**
 * Where the unpickler gets the storage a persistent id names: the zip archive's {@code data/<key>} record, or a
 * legacy file's storage allocated now and filled once the storages that follow the pickle are read.
 */
interface StorageSource {
    /** The file being loaded, for messages. */
    Path path();

    /** What a message calls the pickle being read ({@code data.pkl} in an archive). */
    String pickleName();

    /** Storage {@code key}: a 1-D tensor of {@code numel} elements of {@code dtype}, outside every scope. */
    Tensor storage(String key, DType dtype, long numel);
}
