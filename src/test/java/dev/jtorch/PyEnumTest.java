package dev.jtorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jtorch.distributed.Backend;
import dev.jtorch.distributed.ReduceOp;
import dev.jtorch.metrics.Average;
import dev.jtorch.metrics.Normalize;
import dev.jtorch.metrics.ZeroDivision;
import dev.jtorch.nn.ConvNd;
import dev.jtorch.nn.RNN;
import dev.jtorch.nn.RNNBase;
import dev.jtorch.nn.Transformer;
import dev.jtorch.nn.functional.Approximate;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.InterpolateMode;
import dev.jtorch.nn.functional.Padding;
import dev.jtorch.nn.functional.Reduction;
import dev.jtorch.nn.init.Init;
import dev.jtorch.train.MetricRecord;
import dev.jtorch.train.RunStatus;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public enum of jtorch's API follows the one pattern for Python names, {@link PyEnum}: its constants have
 * distinct Python spellings that {@link PyEnum#fromPython(Class, String)} reads back. The enums are found by scanning
 * the compiled classes, not from a list, so a new enum that skips the pattern fails here.
 */
class PyEnumTest {
    /** Packages not held to the pattern: {@code dev.jtorch.internal} is not public API. */
    static final List<String> EXEMPT_PACKAGES = List.of("dev.jtorch.internal");
    /**
     * Types not held to the pattern: the enums nested in {@code Cuda} and {@code amp.GradScaler} (private).
     */
    static final List<String> EXEMPT_TYPES = List.of("dev.jtorch.Cuda", "dev.jtorch.amp.GradScaler");

    /** The public enums under {@code dev.jtorch} (nested ones too) outside the exemptions, from the class files. */
    static List<Class<?>> publicEnums() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(PyEnum.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("dev/jtorch")), root + " holds no compiled dev.jtorch classes");
        List<Class<?>> enums = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/jtorch"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(file).toString();
                String name = rel.substring(0, rel.length() - ".class".length()).replace(file.getFileSystem()
                        .getSeparator(), ".");
                if (exempt(name)) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, PyEnumTest.class.getClassLoader());
                if (c.isEnum() && isPublicApi(c)) {
                    enums.add(c);
                }
            }
        }
        return enums;
    }

    static boolean exempt(String className) {
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String pkg = outer.substring(0, outer.lastIndexOf('.'));
        return EXEMPT_TYPES.contains(outer)
                || EXEMPT_PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** Public, and nested only in public types. */
    static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyPublicEnumImplementsPyEnum() throws Exception {
        List<Class<?>> enums = publicEnums();
        // The scan must find the enums the pattern was introduced with, or it checks nothing.
        for (Class<?> known : List.of(Reduction.class, Padding.class, Approximate.class, InterpolateMode.class,
                F.PadMode.class, ConvNd.PaddingMode.class, RNN.Nonlinearity.class, RNNBase.Mode.class,
                Transformer.Activation.class, Init.FanMode.class, dev.jtorch.optim.lr.CyclicLR.Mode.class,
                dev.jtorch.optim.LBFGS.LineSearchFn.class, dev.jtorch.vision.transforms.InterpolationMode.class, Normalize.class, ZeroDivision.class, Average.class,
                MetricRecord.Type.class, RunStatus.class, ReduceOp.class, Backend.class, Mode.class, dev.jtorch.DType.class)) {
            assertTrue(enums.contains(known), "the scan did not find " + known.getName() + " among " + enums);
        }
        List<String> without = enums.stream().filter(c -> !PyEnum.class.isAssignableFrom(c))
                .map(Class::getName).toList();
        assertEquals(List.of(), without, "public enums that do not implement dev.jtorch.PyEnum");
    }

    @Test
    void everyConstantRoundTripsThroughItsPythonName() throws Exception {
        int constants = 0;
        for (Class<?> c : publicEnums()) {
            if (PyEnum.class.isAssignableFrom(c)) {
                constants += roundTrip(c.asSubclass(Enum.class));
            }
        }
        assertTrue(constants > 50, "only " + constants + " constants checked");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int roundTrip(Class<? extends Enum> type) {
        Set<String> seen = new HashSet<>();
        for (Enum<?> e : type.getEnumConstants()) {
            String name = ((PyEnum) e).pythonName();
            assertTrue(name != null && !name.isEmpty(), type.getName() + "." + e.name() + " has no Python name");
            assertTrue(seen.add(name), type.getName() + ": two constants are spelled '" + name + "'");
            assertSame(e, PyEnum.fromPython((Class) type, name), type.getName() + "." + e.name());
        }
        return seen.size();
    }

    @Test
    void pythonNamesAreThoseOfPyTorchAndScikitLearn() {
        assertEquals("mean", Reduction.MEAN.pythonName());
        assertEquals("same", Padding.SAME.pythonName());
        assertEquals("tanh", Approximate.TANH.pythonName());
        assertEquals("area", InterpolateMode.AREA.pythonName());
        assertEquals("circular", F.PadMode.CIRCULAR.pythonName());
        assertEquals("reflect", ConvNd.PaddingMode.REFLECT.pythonName());
        assertEquals("relu", RNN.Nonlinearity.RELU.pythonName());
        assertEquals("RNN_TANH", RNNBase.Mode.RNN_TANH.pythonName());
        assertEquals("gelu", Transformer.Activation.GELU.pythonName());
        assertEquals("fan_out", Init.FanMode.FAN_OUT.pythonName());
        assertEquals("true", Normalize.TRUE.pythonName());
        assertEquals("warn", ZeroDivision.WARN.pythonName());
        assertEquals("0", ZeroDivision.ZERO.pythonName());
        assertEquals("None", Average.NONE.pythonName());
        assertEquals("epoch", MetricRecord.Type.EPOCH.pythonName());
        assertEquals("failed", RunStatus.FAILED.pythonName());
        assertEquals("SUM", ReduceOp.SUM.pythonName());
        assertEquals("nccl", Backend.NCCL.pythonName());
        assertEquals("max", Mode.MAX.pythonName());
    }

    /** {@code toString()} is not part of the pattern and kept what it printed before. */
    @Test
    void toStringIsUnchanged() {
        assertEquals("mean", Reduction.MEAN.toString());
        assertEquals("bilinear", InterpolateMode.BILINEAR.toString());
        assertEquals("None", Average.NONE.toString());
        assertEquals("ReduceOp.AVG", ReduceOp.AVG.toString());
        assertEquals("gloo", Backend.GLOO.toString());
        assertEquals("relu", RNN.Nonlinearity.RELU.toString());
        assertEquals("TRUE", Normalize.TRUE.toString());
        assertEquals("FAN_IN", Init.FanMode.FAN_IN.toString());
        assertEquals("MIN", Mode.MIN.toString());
    }

    @Test
    void anUnknownNameListsTheValidOnesAsPyTorchsValueErrorDoes() {
        var e = assertThrows(IllegalArgumentException.class, () -> PyEnum.fromPython(Reduction.class, "avg"));
        assertEquals("'avg' is not a valid Reduction; expected one of ['none', 'mean', 'sum']", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PyEnum.fromPython(Average.class, null));
        assertEquals("None is not a valid Average; expected one of ['binary', 'micro', 'macro', 'weighted', 'None']",
                e.getMessage());
        // Python's spelling, not Java's constant name.
        e = assertThrows(IllegalArgumentException.class, () -> PyEnum.fromPython(Mode.class, "MIN"));
        assertEquals("'MIN' is not a valid Mode; expected one of ['min', 'max']", e.getMessage());
        assertSame(ZeroDivision.ONE, PyEnum.fromPython(ZeroDivision.class, "1"));
    }

    /** The scan's exemptions are what they say, so that a new package is checked by default. */
    @Test
    void exemptionsCoverTheFollowUpOnly() {
        assertTrue(!exempt("dev.jtorch.optim.lr.CyclicLR$Mode"));
        assertTrue(!exempt("dev.jtorch.vision.transforms.InterpolationMode"));
        assertTrue(exempt("dev.jtorch.internal.ThreadGenerator"));
        assertTrue(!exempt("dev.jtorch.DType"));
        assertTrue(exempt("dev.jtorch.amp.GradScaler$Stage"));
        assertTrue(!exempt("dev.jtorch.Mode"));
        assertTrue(!exempt("dev.jtorch.optimx.Foo"));
        assertTrue(!exempt("dev.jtorch.amp.Autocast"));
        assertTrue(!exempt("dev.jtorch.nn.functional.Reduction"));
    }
}
