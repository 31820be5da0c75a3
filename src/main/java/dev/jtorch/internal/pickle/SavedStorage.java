package dev.jtorch.internal.pickle;

import dev.jtorch.DType;
import dev.jtorch.Tensor;

/** A storage to write: its key in the archive, its dtype and element count, and its bytes (a contiguous CPU tensor). */
record SavedStorage(String key, DType dtype, long numel, Tensor data, long nbytes) {}
