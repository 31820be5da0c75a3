package dev.jtorch.nn.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.Warnings;
import dev.jtorch.nn.Dropout2d;
import dev.jtorch.nn.Module;
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

    /** A model of one's own that calls the functional layer, as a user's {@code forward} does. */
    static final class OwnModel extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return F.dropout2d(x, 0.5, true);
        }
    }

    /**
     * Without naming the modules, F's once-per-site warnings still look past their frames (nn.Module registers with
     * internal.WarningSites): two call sites of the same module in this test warn twice, where the module's own
     * {@code forward} as the site would warn once.
     */
    @Test
    void aModulesFramesAreNotTheCallSiteOfAWarning() {
        try (TensorScope s = new TensorScope()) {
            Tensor x = Torch.randn(2, 3, 4);
            Dropout2d d = new Dropout2d();
            List<Warnings.Warning> seen = Warnings.capture(() -> {
                d.forward(x);
                d.forward(x);
            });
            assertEquals(2, seen.size(), "one warning per line of this test");
            OwnModel own = new OwnModel();
            seen = Warnings.capture(() -> {
                for (int i = 0; i < 3; i++) {
                    own.forward(x);
                }
                own.forward(x);
            });
            assertEquals(2, seen.size(), "one warning for the loop, one for the line after it");
        }
    }
}
