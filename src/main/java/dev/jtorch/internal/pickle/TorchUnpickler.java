package dev.jtorch.internal.pickle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/** Reads storages from the archive by persistent id, keeping Python's dict order and checking counted lengths. */
final class TorchUnpickler extends Unpickler {
    private final ArchiveReader archive;
    private final Path path;
    private final Map<String, TensorRebuild.LoadedStorage> loaded = new HashMap<>();
    private long pickleSize;

    TorchUnpickler(ArchiveReader archive) {
        this.archive = archive;
        this.path = archive.path();
    }

    @Override
    public Object loads(byte[] pickle) throws PickleException, IOException {
        pickleSize = pickle.length;
        return load(new java.io.ByteArrayInputStream(pickle));
    }

    /** Keeps Python's dict order: plain dicts become LinkedHashMaps and SETITEMS inserts in file order. */
    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        LoadLimits.checkLength(key, input, pickleSize);
        if (key == net.razorvine.pickle.Opcodes.EMPTY_DICT) {
            stack.add(new LinkedHashMap<Object, Object>());
            return NO_RETURN_VALUE;
        }
        if (key == net.razorvine.pickle.Opcodes.SETITEMS) {
            List<Object> items = stack.pop_all_since_marker();
            if (!(stack.peek() instanceof Map<?, ?>)) {
                throw new PickleException("SETITEMS on a " + typeName(stack.peek()) + ", not a dict");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> target = (Map<Object, Object>) stack.peek();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                target.put(items.get(i), items.get(i + 1));
            }
            return NO_RETURN_VALUE;
        }
        return super.dispatch(key);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException("unknown persistent id in " + path);
        }
        if (!(t[1] instanceof TensorRebuild.StorageType type)) {
            throw new PickleException("unsupported storage type " + t[1] + " in " + path);
        }
        if (!(t[2] instanceof String key)) {
            throw new PickleException("storage key " + t[2] + " is not a string");
        }
        if (!(t[4] instanceof Number n)) {
            throw new PickleException("storage " + key + " declares " + t[4] + " elements, not an int");
        }
        long numel = TensorRebuild.integer(n, "number of elements of storage " + key);
        return loaded.computeIfAbsent(key,
                k -> new TensorRebuild.LoadedStorage(archive.storage(k, type.dtype(), numel)));
    }

private static String typeName(Object o) {
    return o == null ? "None" : o.getClass().getSimpleName();
}
}
