package dev.jtorch.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's {@code nn.Module.__repr__}: a module's name, its {@code extra_repr()} and its children, indented. */
final class ModuleRepr {
    private ModuleRepr() {}

    /** {@code repr(module)}, character for character. */
    static String of(Module module) {
        List<String> extraLines = new ArrayList<>();
        String extra = module.extraRepr();
        if (!extra.isEmpty()) {
            extraLines.addAll(List.of(extra.split("\n", -1)));
        }
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> e : module.moduleMap().entrySet()) {
            String modStr = addIndent(e.getValue().toString(), 2);
            childLines.add("(" + e.getKey() + "): " + modStr);
        }
        List<String> lines = new ArrayList<>(extraLines);
        lines.addAll(childLines);
        StringBuilder main = new StringBuilder(module.getName()).append('(');
        if (!lines.isEmpty()) {
            if (extraLines.size() == 1 && childLines.isEmpty()) {
                main.append(extraLines.get(0));
            } else {
                main.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return main.append(')').toString();
    }

    private static String addIndent(String s, int spaces) {
        String[] lines = s.split("\n", -1);
        if (lines.length == 1) {
            return s;
        }
        StringBuilder b = new StringBuilder(lines[0]);
        String pad = " ".repeat(spaces);
        for (int i = 1; i < lines.length; i++) {
            b.append('\n').append(pad).append(lines[i]);
        }
        return b.toString();
    }
}
