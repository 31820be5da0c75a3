package dev.jtorch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An enum that stands for one of Python's spellings of a closed choice ({@code reduction='mean'},
 * {@code padding_mode='reflect'}, {@code mode='min'}, {@code average=None}): the one pattern every such enum in
 * jtorch follows. {@link #pythonName()} is the spelling Python uses (what reprs and messages print), and
 * {@link #fromPython(Class, String)} reads it back, refusing anything else with the list of valid names.
 *
 * <p>{@code toString()} is not part of the pattern: where an enum's {@code toString()} printed Python's spelling
 * before this interface existed, it still does, but jtorch's own code calls {@link #pythonName()}.
 *
 * <p>jtorch's own; no PyTorch counterpart (Python passes these choices as strings).
 */
public interface PyEnum {
    /** Python's spelling of this choice, e.g. {@code mean} for {@code reduction='mean'}. */
    String pythonName();

    /**
     * The constant of {@code type} whose {@link #pythonName()} is {@code name}.
     *
     * @throws IllegalArgumentException if there is none, naming the valid choices as PyTorch's {@code ValueError}s
     *     do: {@code 'avg' is not a valid Reduction; expected one of ['none', 'mean', 'sum']}
     */
    static <E extends Enum<E> & PyEnum> E fromPython(Class<E> type, String name) {
        Objects.requireNonNull(type, "type");
        E[] constants = type.getEnumConstants();
        for (E e : constants) {
            if (e.pythonName().equals(name)) {
                return e;
            }
        }
        List<String> valid = new ArrayList<>(constants.length);
        for (E e : constants) {
            valid.add("'" + e.pythonName() + "'");
        }
        throw new IllegalArgumentException((name == null ? "None" : "'" + name + "'") + " is not a valid "
                + type.getSimpleName() + "; expected one of " + valid);
    }
}
