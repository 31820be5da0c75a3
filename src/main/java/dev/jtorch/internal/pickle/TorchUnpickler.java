package dev.jtorch.internal.pickle;

import dev.jtorch.TorchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import net.razorvine.pickle.objects.ClassDict;
import net.razorvine.pickle.objects.ClassDictConstructor;

/**
 * Reads storages by persistent id from a {@link StorageSource}, keeping Python's dict order and checking counted
 * lengths. A storage key met again is the same storage (tensors saved as views of one storage share it again);
 * a legacy persistent id's view metadata ({@code (view_key, offset, numel)}) is a slice of its root storage.
 * The globals a pickle names (GLOBAL, STACK_GLOBAL) resolve to jtorch's own constructors first
 * ({@link TensorRebuild#constructor}), so nothing is registered in the pickle library's process-wide table.
 */
final class TorchUnpickler extends Unpickler {
    private final StorageSource source;
    private final Path path;
    private final Map<String, TensorRebuild.LoadedStorage> loaded;
    private long pickleSize;
    /** The class of the first object of a Python class the pickle created, for messages. */
    private String firstClass;

    TorchUnpickler(StorageSource source) {
        this(source, new HashMap<>());
    }

    /** An unpickler sharing {@code loaded} (key to storage) with others reading the same file. */
    TorchUnpickler(StorageSource source, Map<String, TensorRebuild.LoadedStorage> loaded) {
        this.source = source;
        this.path = source.path();
        this.loaded = loaded;
    }

    @Override
    public Object loads(byte[] pickle) throws PickleException, IOException {
        pickleSize = pickle.length;
        return load(new java.io.ByteArrayInputStream(pickle));
    }

    /**
     * One pickle read from {@code in}, which holds {@code size} bytes from the pickle's first byte on counting from
     * where its {@code available()} is measured (for a file: the file's size, so messages give file offsets).
     */
    Object load(InputStream in, long size) throws PickleException, IOException {
        pickleSize = size;
        return load(in);
    }

    /** Keeps Python's dict order: plain dicts become LinkedHashMaps and SETITEMS inserts in file order. */
    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        LoadLimits.checkLength(key, input, pickleSize, source.pickleName());
        if (key == net.razorvine.pickle.Opcodes.GLOBAL) {
            // the pickle library's load_global: the module and the name, each a line
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            global(module, name);
            return NO_RETURN_VALUE;
        }
        if (key == net.razorvine.pickle.Opcodes.STACK_GLOBAL) {
            // the pickle library's load_stack_global: the name on top of the stack, the module below it
            String name = (String) stack.pop();
            String module = (String) stack.pop();
            global(module, name);
            return NO_RETURN_VALUE;
        }
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
        if (key == net.razorvine.pickle.Opcodes.BUILD && stack.size() >= 2) {
            // A module's __dict__ set on an instance of its Python class: torch.save(model) of a whole module.
            Object state = stack.pop();
            if (stack.peek() instanceof ClassDict obj && state instanceof Map<?, ?> m
                    && (m.containsKey("_parameters") || m.containsKey("_modules"))) {
                throw wholeModule(firstClass != null ? firstClass : obj.getClassName());
            }
            stack.add(state);
        }
        Object r = super.dispatch(key);
        if (firstClass == null && (key == net.razorvine.pickle.Opcodes.NEWOBJ
                || key == net.razorvine.pickle.Opcodes.REDUCE) && stack.size() > 0
                && stack.peek() instanceof ClassDict c) {
            firstClass = c.getClassName(); // the outermost object of a Python class: created before its contents
        }
        return r;
    }

    /**
     * Pushes the global {@code module.name}: jtorch's own constructor for it ({@link TensorRebuild#constructor}:
     * storages, tensors, OrderedDict), else what the pickle library gives it by default (its STACK_GLOBAL, run on
     * the module and name pushed back).
     */
    private void global(String module, String name) throws IOException {
        IObjectConstructor own = TensorRebuild.constructor(module, name);
        if (own != null) {
            stack.add(own);
            return;
        }
        stack.add(module);
        stack.add(name);
        super.dispatch(net.razorvine.pickle.Opcodes.STACK_GLOBAL);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length >= 2 && "module".equals(ascii(t[0]))) {
            throw wholeModule(t[1]);
        }
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(ascii(t[0]))) {
            throw new PickleException("unknown persistent id in " + path);
        }
        if (!(t[1] instanceof TensorRebuild.StorageType type)) {
            throw new PickleException("unsupported storage type " + describe(t[1]) + " in " + path);
        }
        if (!(t[2] instanceof String key)) {
            throw new PickleException("storage key " + t[2] + " is not a string");
        }
        if (!(t[4] instanceof Number n)) {
            throw new PickleException("storage " + key + " declares " + t[4] + " elements, not an int");
        }
        long numel = TensorRebuild.integer(n, "number of elements of storage " + key);
        TensorRebuild.LoadedStorage root = loaded.get(key);
        if (root == null) {
            root = new TensorRebuild.LoadedStorage(source.storage(key, type.dtype(), numel), 0, numel);
            loaded.put(key, root);
        }
        if (t.length < 6 || t[5] == null) {
            return root;
        }
        // A legacy storage view: (view_key, offset, view_size), a slice of the root storage.
        if (!(t[5] instanceof Object[] v) || v.length != 3 || !(v[0] instanceof String viewKey)
                || !(v[1] instanceof Number off) || !(v[2] instanceof Number len)) {
            throw new PickleException("storage " + key + " has view metadata " + describe(t[5])
                    + ", not (view_key, offset, numel)");
        }
        TensorRebuild.LoadedStorage view = loaded.get(viewKey);
        if (view == null) {
            long offset = TensorRebuild.integer(off, "offset of storage view " + viewKey);
            long size = TensorRebuild.integer(len, "size of storage view " + viewKey);
            if (offset < 0 || size < 0 || offset > root.numel() - size) {
                throw new PickleException("storage view " + viewKey + " of " + size + " elements at offset "
                        + offset + " lies outside storage " + key + " of " + root.numel() + " elements");
            }
            view = new TensorRebuild.LoadedStorage(root.data(), root.offset() + offset, size);
            loaded.put(viewKey, view);
        }
        return view;
    }

    /**
     * torch.save(model) of a whole module: its class is pickled by reference to the Python source that defines it,
     * which Java cannot run.
     */
    private TorchException wholeModule(Object cls) {
        String name = cls instanceof String str ? str : describe(cls);
        return new TorchException("cannot load " + path + ": it holds a whole pickled nn.Module (class " + name
                + "), as torch.save(model) writes; jtorch loads state dicts, not Python classes."
                + " Convert it in Python, where the class is defined: torch.save(torch.load(f).state_dict(),"
                + " 'state_dict.pt'), then load that file and pass it to loadStateDict");
    }

    /** Python 2's files (and encoding='bytes') give internal keys as bytes: read them as ASCII. */
    private static Object ascii(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.US_ASCII) : o;
    }

    private static String describe(Object o) {
        if (o instanceof ClassDictConstructor c && c.construct(new Object[0]) instanceof ClassDict d) {
            return d.getClassName();
        }
        if (o instanceof Object[] a) {
            return java.util.Arrays.deepToString(a);
        }
        return o instanceof IObjectConstructor ? o.getClass().getSimpleName() : String.valueOf(o);
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }
}
