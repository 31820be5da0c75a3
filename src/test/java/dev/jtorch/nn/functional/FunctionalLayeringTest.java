package dev.jtorch.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The functional layer does not depend on the modules: no compiled class of {@code dev.jtorch.nn.functional} refers
 * to a type of {@code dev.jtorch.nn} or its other subpackages (the modules delegate to {@link F}, never the reverse).
 * Reads the class files' constant pools, where every type a class uses is named, so an import, a fully qualified
 * name in code or a signature all count, and Javadoc does not.
 */
class FunctionalLayeringTest {
    /** A type of dev.jtorch.nn outside dev.jtorch.nn.functional, as the constant pool spells it. */
    static final Pattern NN_TYPE = Pattern.compile("dev/jtorch/nn/(?!functional/)[\\w/$]+");

    @Test
    void noFunctionalClassReferencesTheModules() throws Exception {
        Path root = Path.of(F.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/jtorch/nn/functional");
        List<String> refs = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                classes++;
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                Matcher m = NN_TYPE.matcher(text);
                TreeSet<String> found = new TreeSet<>();
                while (m.find()) {
                    found.add(m.group());
                }
                found.forEach(t -> refs.add(file.getFileName() + " -> " + t));
            }
        }
        assertTrue(classes >= 7, "only " + classes + " classes found in " + root);
        assertEquals(List.of(), refs, "dev.jtorch.nn.functional refers to the modules' package");
    }

    /** The pattern itself: a module type counts, the functional layer's own types do not. */
    @Test
    void thePatternTellsModulesFromTheFunctionalLayer() {
        assertTrue(NN_TYPE.matcher("Ldev/jtorch/nn/MultiheadAttention$Output;").find());
        assertTrue(NN_TYPE.matcher("dev/jtorch/nn/Module").find());
        assertTrue(NN_TYPE.matcher("dev/jtorch/nn/init/Init").find());
        assertTrue(!NN_TYPE.matcher("Ldev/jtorch/nn/functional/Reduction;").find());
        assertTrue(!NN_TYPE.matcher("dev/jtorch/Tensor").find());
    }
}
