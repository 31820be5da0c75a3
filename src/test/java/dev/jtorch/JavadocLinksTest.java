package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class Javadoc of every public top-level type under {@code src/main/java} (outside {@code dev.jtorch.internal},
 * which the published Javadoc leaves out) links to the documentation page of what it mirrors (an
 * {@code <a href="https://pytorch.org/...">} or {@code <a href="https://scikit-learn.org/...">} link), or says
 * "no PyTorch counterpart" for jtorch's own types. Reads the sources relative to the working directory, which is the
 * repository root when Maven runs the tests.
 */
class JavadocLinksTest {
    static final Path SOURCES = Path.of("src/main/java");

    /** A public top-level declaration at the start of a line, after optional annotations. */
    static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:abstract|final|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)",
            Pattern.MULTILINE);
    /** Annotations, whose arguments may hold strings with parentheses. */
    static final Pattern ANNOTATIONS =
            Pattern.compile("(?:@[\\w.]+(?:\\((?:\"(?:[^\"\\\\]|\\\\.)*\"|[^)\"])*\\))?\\s*)*");
    static final Pattern DOC_LINK = Pattern.compile("<a\\s+href=\"https://(?:pytorch\\.org|scikit-learn\\.org)/[^\"]+\"");
    static final String OWN = "no PyTorch counterpart";

    @Test
    void everyPublicTypeLinksWhatItMirrorsOrSaysItHasNoCounterpart() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), SOURCES.toAbsolutePath() + " is not a directory");
        List<String> bad = new ArrayList<>();
        int publicTypes = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(JavadocLinksTest::checked).sorted().toList()) {
                Optional<String> problem = problem(Files.readString(file, StandardCharsets.UTF_8));
                if (problem == null) {
                    continue; // not a public type
                }
                publicTypes++;
                problem.ifPresent(p -> bad.add(SOURCES.relativize(file) + ": " + p));
            }
        }
        // The scan must have found the library's public types, or this test checks nothing.
        assertTrue(publicTypes > 100, "only " + publicTypes + " public types found under " + SOURCES);
        assertTrue(bad.isEmpty(), bad.size() + " public types whose class Javadoc neither links the"
                + " pytorch.org/scikit-learn.org page of what they mirror nor says \"" + OWN + "\":\n  "
                + String.join("\n  ", bad));
    }

    /** The scanner itself: what passes, what fails, what is not checked. */
    @Test
    void scannerJudgesTheClassJavadoc() {
        assertEquals(Optional.empty(), problem("package p;\n/**\n * Mirrors <a href=\"https://pytorch.org/docs/stable/"
                + "generated/torch.nn.Linear.html\">torch.nn.Linear</a>.\n */\npublic class Linear {}\n"));
        assertEquals(Optional.empty(), problem("/** Mirrors <a href=\"https://scikit-learn.org/stable/modules/generated/"
                + "sklearn.model_selection.KFold.html\">KFold</a>. */\n@Deprecated\n@SuppressWarnings(\"x\")\n"
                + "public final class KFold {}\n"));
        assertEquals(Optional.empty(), problem("/** Like <a href=\"https://pytorch.org/docs/stable/elastic/run.html\">"
                + "torchrun</a>. */\n@Command(name = \"Run\",\n        description = \"Starts (torchrun's job) \\\"x)\\\".\")\n"
                + "public final class Run {}\n"));
        assertEquals(Optional.empty(), problem("/** A run directory; jtorch's own; no PyTorch counterpart. */\n"
                + "public record Run(int a) {}\n"));
        // A link elsewhere in the file (a method's Javadoc) does not count for the class.
        assertEquals(Optional.of("class Javadoc has no pytorch.org/scikit-learn.org link and no \"" + OWN + "\""),
                problem("/** Mirrors torch.nn.Linear. */\npublic class Linear {\n    /** <a href=\"https://pytorch.org/"
                        + "docs/stable/generated/torch.nn.Linear.html\">x</a> */\n    public void f() {}\n}\n"));
        // A bare URL in text is not a link.
        assertTrue(problem("/** See https://pytorch.org/docs/stable/tensors.html */\npublic class Tensor {}\n").isPresent());
        assertEquals(Optional.of("no class Javadoc"), problem("// comment\npublic interface Metric {}\n"));
        assertEquals(Optional.of("no class Javadoc"),
                problem("/** Doc of something else. */\nimport x.Y;\n\npublic enum Mode { MIN }\n"));
        // Package-private and nested public types are not checked.
        assertNull(problem("/** x */\nfinal class Hidden {\n    public static class Nested {}\n}\n"));
    }

    @Test
    void internalPackagesAndPackageInfoAreNotChecked() {
        assertFalse(checked(SOURCES.resolve("dev/jtorch/internal/Native.java")));
        assertFalse(checked(SOURCES.resolve("dev/jtorch/internal/ops/Foo.java")));
        assertFalse(checked(SOURCES.resolve("dev/jtorch/nn/package-info.java")));
        assertTrue(checked(SOURCES.resolve("dev/jtorch/nn/Linear.java")));
        assertTrue(checked(SOURCES.resolve("dev/jtorch/internalish/Foo.java")));
    }

    static boolean checked(Path file) {
        String rel = SOURCES.relativize(file).toString().replace('\\', '/');
        return rel.endsWith(".java") && !rel.endsWith("package-info.java")
                && !rel.startsWith("dev/jtorch/internal/");
    }

    /**
     * {@code null} when the source declares no public top-level type; otherwise empty when the class Javadoc is
     * fine, or what is wrong with it.
     */
    static Optional<String> problem(String source) {
        Matcher decl = PUBLIC_TYPE.matcher(source);
        if (!decl.find()) {
            return null;
        }
        // Back from the declaration over annotations and blank space to the closing */ of the class Javadoc.
        String before = source.substring(0, decl.start());
        int end = before.lastIndexOf("*/");
        int start = end < 0 ? -1 : before.lastIndexOf("/**", end);
        if (start < 0 || !ANNOTATIONS.matcher(before.substring(end + 2).strip()).matches()) {
            return Optional.of("no class Javadoc");
        }
        String doc = before.substring(start, end);
        if (doc.contains("*/")) {
            return Optional.of("no class Javadoc");
        }
        if (DOC_LINK.matcher(doc).find() || doc.replaceAll("\\s*\\n\\s*\\*\\s*", " ").contains(OWN)) {
            return Optional.empty();
        }
        return Optional.of("class Javadoc has no pytorch.org/scikit-learn.org link and no \"" + OWN + "\"");
    }
}
