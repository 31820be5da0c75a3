package dev.jtorch.distributed;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.BytePointer;

/**
 * Java objects as uint8 tensors and back, for the object collectives (PyTorch pickles them the same way). Objects
 * go through Java serialization: like pickle, it must only be used with peers one trusts (the ranks of one's own
 * job).
 */
final class ObjectBytes {
    private ObjectBytes() {}

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (java.io.NotSerializableException e) {
            throw new IllegalArgumentException("object collectives need java.io.Serializable objects, got "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] b) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a rank sent an object of a class this process does not have: "
                    + e.getMessage(), e);
        }
    }

    /** A uint8 tensor of {@code length} bytes holding {@code b} (zero-padded). */
    static Tensor toTensor(byte[] b, long length) {
        Tensor t = Torch.zeros(new long[] {length}, DType.UINT8);
        if (b.length > 0) {
            BytePointer p = new BytePointer(t.nativeTensor().data_ptr_byte());
            p.put(b, 0, b.length);
        }
        return t;
    }

    /** The first {@code length} bytes of a contiguous uint8 CPU tensor. */
    static byte[] fromTensor(Tensor t, long offset, int length) {
        byte[] out = new byte[length];
        if (length > 0) {
            BytePointer p = new BytePointer(t.nativeTensor().data_ptr_byte());
            p.position(offset).get(out, 0, length);
        }
        return out;
    }
}
