package dev.jtorch.vision.datasets;

import dev.jtorch.data.Dataset;
import dev.jtorch.vision.Image;
import dev.jtorch.vision.transforms.Transform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.datasets.ImageFolder.html">
 * torchvision.datasets.ImageFolder(root, transform=None, target_transform=None)</a>: images arranged as
 * {@code root/<class>/.../<image>}. As torchvision: the classes are the sorted names of {@code root}'s
 * sub-folders, their indices in that order; each class folder is walked (following links) in sorted order of the
 * folder paths, files sorted by name, keeping those whose lower-cased name ends with one of
 * {@link #IMG_EXTENSIONS}. {@code get(i)} is {@code dataset[i]}: the list {@code [sample, target]}, the sample
 * being {@link Image#open} of the file (RGB) passed through {@code transform}, the target the class index
 * (an {@link Integer}) through {@code targetTransform}; a {@link dev.jtorch.data.DataLoader} batches it once the
 * transform ends with {@code ToTensor} (images stacked, targets an int64 tensor).
 *
 * <p>Decoding is through {@code javax.imageio}: PNG, JPEG, BMP, GIF (and TIFF); {@code .ppm}, {@code .pgm} and
 * {@code .webp} files are listed as torchvision lists them but {@code get} throws for them.
 */
public class ImageFolder implements Dataset<List<Object>> {
    /** torchvision's {@code IMG_EXTENSIONS}. */
    public static final List<String> IMG_EXTENSIONS =
            List.of(".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp");

    private final Path root;
    private final Transform transform;
    private final Function<Integer, Object> targetTransform;
    private final List<String> classes;
    private final Map<String, Integer> classToIdx;
    private final List<Sample> samples;

    /** One entry of {@link #samples()}: Python's {@code (path, class_index)}. */
    public record Sample(Path path, int classIndex) {
        /** Python's tuple repr, {@code ('root/cat/1.png', 0)}. */
        @Override
        public String toString() {
            return "('" + path + "', " + classIndex + ")";
        }
    }

    /** {@code ImageFolder(root)}: samples are {@link Image}s. */
    public ImageFolder(Path root) {
        this(root, null, null);
    }

    /** {@code ImageFolder(root, transform)}. */
    public ImageFolder(Path root, Transform transform) {
        this(root, transform, null);
    }

    /** {@code ImageFolder(root, transform)} with the root as a string, as {@code os.path.join(data_dir, x)} gives. */
    public ImageFolder(String root, Transform transform) {
        this(Path.of(root), transform, null);
    }

    /**
     * {@code ImageFolder(root, transform, target_transform)}.
     *
     * @throws UncheckedIOException with torchvision's {@code FileNotFoundError} text when {@code root} has no class
     *     folder ("Couldn't find any class folder in ROOT.") or a class has no image file ("Found no valid file for
     *     the classes ... Supported extensions are: ...")
     */
    public ImageFolder(Path root, Transform transform, Function<Integer, Object> targetTransform) {
        this.root = root;
        this.transform = transform;
        this.targetTransform = targetTransform;
        this.classes = findClasses(root);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            idx.put(classes.get(i), i);
        }
        this.classToIdx = Collections.unmodifiableMap(idx);
        this.samples = List.copyOf(makeDataset(root, classes));
    }

    private static List<String> findClasses(Path root) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("[Errno 2] No such file or directory: '" + root + "'", e);
        }
        Collections.sort(names);
        if (names.isEmpty()) {
            throw new UncheckedIOException(new java.io.FileNotFoundException(
                    "Couldn't find any class folder in " + root + "."));
        }
        return List.copyOf(names);
    }

    /** torchvision's {@code has_file_allowed_extension}. */
    public static boolean hasFileAllowedExtension(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        for (String e : IMG_EXTENSIONS) {
            if (lower.endsWith(e)) {
                return true;
            }
        }
        return false;
    }

    private static List<Sample> makeDataset(Path root, List<String> classes) {
        List<Sample> out = new ArrayList<>();
        TreeSet<String> empty = new TreeSet<>();
        for (int c = 0; c < classes.size(); c++) {
            Path dir = root.resolve(classes.get(c));
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
                s.filter(Files::isDirectory).forEach(dirs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dirs.sort((a, b) -> a.toString().compareTo(b.toString()));
            boolean found = false;
            for (Path d : dirs) {
                List<String> files = new ArrayList<>();
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> !Files.isDirectory(p)).forEach(p -> files.add(p.getFileName().toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Collections.sort(files);
                for (String f : files) {
                    if (hasFileAllowedExtension(f)) {
                        out.add(new Sample(d.resolve(f), c));
                        found = true;
                    }
                }
            }
            if (!found) {
                empty.add(classes.get(c));
            }
        }
        if (!empty.isEmpty()) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("Found no valid file for the classes "
                    + String.join(", ", empty) + ". Supported extensions are: " + String.join(", ", IMG_EXTENSIONS)));
        }
        return out;
    }

    /** Python's {@code dataset.root}. */
    public Path root() {
        return root;
    }

    /** Python's {@code dataset.classes}: the sorted class folder names. */
    public List<String> classes() {
        return classes;
    }

    /** Python's {@code dataset.class_to_idx}, in class order. */
    public Map<String, Integer> classToIdx() {
        return classToIdx;
    }

    /** Python's {@code dataset.samples} (also {@code imgs}): (path, class index) in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** Python's {@code dataset.targets}: the class index of each sample. */
    public List<Integer> targets() {
        List<Integer> t = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            t.add(s.classIndex());
        }
        return Collections.unmodifiableList(t);
    }

    /** Python's {@code dataset.transform}, or null. */
    public Transform transform() {
        return transform;
    }

    /**
     * Python's {@code dataset[index]}: {@code [transform(loader(path)), target_transform(target)]}.
     *
     * @throws IndexOutOfBoundsException for an index outside 0..size-1 ("list index out of range")
     */
    @Override
    public List<Object> get(long index) {
        if (index < 0 || index >= samples.size()) {
            throw new IndexOutOfBoundsException("list index out of range");
        }
        Sample s = samples.get((int) index);
        Object sample = Image.open(s.path());
        if (transform != null) {
            sample = transform.apply(sample);
        }
        Object target = targetTransform != null ? targetTransform.apply(s.classIndex()) : s.classIndex();
        List<Object> item = new ArrayList<>(2);
        item.add(sample);
        item.add(target);
        return item;
    }

    /** Python's {@code len(dataset)}. */
    @Override
    public long size() {
        return samples.size();
    }

    /** torchvision's repr: {@code Dataset ImageFolder}, the number of datapoints, the root, the transform. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Dataset ImageFolder\n    Number of datapoints: " + samples.size()
                + "\n    Root location: " + root);
        if (transform != null) {
            sb.append("\n    StandardTransform\nTransform: ").append(transform.toString().replace("\n", "\n           "));
        }
        return sb.toString();
    }
}
