package io.imagefusion.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How source pairs are laid out on disk. Every pair found must be complete: a missing partner is an error
 * naming the expected file, never a skipped pair.
 */
public enum SourceLayout {
    /**
     * TNO: {@code ir/IR<i>.<ext>} (source A) and {@code vis/VIS<i>.<ext>} (source B); pair id {@code IR<i>}, a
     * fused image matches with stem key {@code IR<i>} or {@code <i>}.
     */
    TNO {
        @Override
        List<SourcePair> discover(Path root) throws EvaluationException {
            Map<String, Path> ir = indexed(root.resolve("ir"), "IR");
            Map<String, Path> vis = indexed(root.resolve("vis"), "VIS");
            List<String> problems = new ArrayList<>();
            List<SourcePair> pairs = new ArrayList<>();
            for (var e : ir.entrySet()) {
                Path v = vis.get(e.getKey());
                if (v == null) {
                    problems.add("missing visible image for " + e.getValue() + ": expected "
                            + root.resolve("vis").resolve("VIS" + e.getKey() + ".<ext>"));
                } else {
                    pairs.add(new SourcePair("IR" + e.getKey(), e.getValue(), v, List.of("IR" + e.getKey(), e.getKey()), null));
                }
            }
            for (var e : vis.entrySet()) {
                if (!ir.containsKey(e.getKey())) {
                    problems.add("missing infrared image for " + e.getValue() + ": expected "
                            + root.resolve("ir").resolve("IR" + e.getKey() + ".<ext>"));
                }
            }
            return finish(root, pairs, problems);
        }
    },
    /**
     * Medical: a pair set {@code <set>/<modality A>/<n>.<ext>} + {@code <set>/<modality B>/<n>.<ext>}, where the
     * set is named {@code <A>_<B>} (e.g. {@code MRI_CT}: A = MRI, B = CT), or a folder of such sets (e.g.
     * {@code medical/test}). Pair id {@code <n>} for one set, {@code <set>/<n>} for several; a fused image
     * matches with key {@code <n>} inside a {@code <set>} sub-folder of the method folder, otherwise with key
     * {@code <set>_<n>}.
     */
    MEDICAL {
        @Override
        List<SourcePair> discover(Path root) throws EvaluationException {
            requireDirectory(root);
            List<String> problems = new ArrayList<>();
            List<SourcePair> pairs = new ArrayList<>();
            if (isPairSet(root)) {
                pairSet(root, false, pairs, problems);
            } else {
                List<Path> sets = subdirectories(root);
                if (sets.isEmpty()) {
                    throw new EvaluationException("no medical pair set in " + root
                            + ": expected <A>_<B>/<A>/ and <A>_<B>/<B>/ folders of images (e.g. MRI_CT/MRI, MRI_CT/CT)");
                }
                for (Path set : sets) {
                    pairSet(set, true, pairs, problems);
                }
            }
            return finish(root, pairs, problems);
        }
    },
    /**
     * Multi-focus and multi-exposure: {@code <pair>/<pair>_A.<ext>} and {@code <pair>/<pair>_B.<ext>}, names
     * compared ignoring case; pair id and key {@code <pair>}.
     */
    PAIRS {
        @Override
        List<SourcePair> discover(Path root) throws EvaluationException {
            requireDirectory(root);
            List<String> problems = new ArrayList<>();
            List<SourcePair> pairs = new ArrayList<>();
            for (Path dir : subdirectories(root)) {
                String name = dir.getFileName().toString();
                Path a = single(dir, name + "_A", problems);
                Path b = single(dir, name + "_B", problems);
                if (a != null && b != null) {
                    pairs.add(new SourcePair(name, a, b, List.of(name), null));
                }
            }
            return finish(root, pairs, problems);
        }
    };

    private static final Pattern NUMBERED = Pattern.compile("(?i)([A-Z]+)(\\d+)");

    /** Finds every pair under {@code root}, in natural order of the pair id. */
    abstract List<SourcePair> discover(Path root) throws EvaluationException;

    public static SourceLayout parse(String s) throws EvaluationException {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("unknown layout '" + s + "': use tno, medical or pairs");
        }
    }

    private static Map<String, Path> indexed(Path dir, String prefix) throws EvaluationException {
        requireDirectory(dir);
        Map<String, Path> out = new TreeMap<>(NaturalOrder.INSTANCE);
        List<String> problems = new ArrayList<>();
        for (Path p : images(dir)) {
            Matcher m = NUMBERED.matcher(ImageFiles.stem(p));
            if (!m.matches() || !m.group(1).equalsIgnoreCase(prefix)) {
                problems.add("unexpected image " + p + ": TNO layout expects " + prefix + "<number>.<ext> in " + dir);
                continue;
            }
            String index = m.group(2).replaceFirst("^0+(?=.)", "");
            Path previous = out.put(index, p);
            if (previous != null) {
                problems.add("two images for " + prefix + index + ": " + previous + " and " + p);
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems);
        }
        return out;
    }

    private static boolean isPairSet(Path dir) throws EvaluationException {
        return modalities(dir) != null;
    }

    /** The two modality folders of a pair set in A, B order, or null if {@code dir} is not a pair set. */
    private static Path[] modalities(Path dir) throws EvaluationException {
        List<Path> subs = subdirectories(dir);
        if (subs.size() != 2 || subs.stream().anyMatch(s -> images(s).isEmpty())) {
            return null;
        }
        String name = dir.getFileName().toString();
        int cut = name.indexOf('_');
        if (cut > 0) {
            Path a = dir.resolve(name.substring(0, cut));
            Path b = dir.resolve(name.substring(cut + 1));
            if (Files.isDirectory(a) && Files.isDirectory(b)) {
                return new Path[] {a, b};
            }
        }
        return new Path[] {subs.get(0), subs.get(1)};
    }

    private static void pairSet(Path set, boolean grouped, List<SourcePair> pairs, List<String> problems)
            throws EvaluationException {
        Path[] mod = modalities(set);
        if (mod == null) {
            problems.add("not a medical pair set: " + set + " (expected exactly two modality folders of images)");
            return;
        }
        String setName = set.getFileName().toString();
        Map<String, Path> a = byStem(mod[0], problems);
        Map<String, Path> b = byStem(mod[1], problems);
        for (var e : a.entrySet()) {
            Path other = b.get(e.getKey());
            if (other == null) {
                problems.add("missing " + mod[1].getFileName() + " image for " + e.getValue() + ": expected "
                        + mod[1].resolve(e.getKey() + ".<ext>"));
                continue;
            }
            String n = e.getKey();
            pairs.add(grouped
                    ? new SourcePair(setName + "/" + n, e.getValue(), other, List.of(setName + "_" + n), setName)
                    : new SourcePair(n, e.getValue(), other, List.of(n), null));
        }
        for (var e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                problems.add("missing " + mod[0].getFileName() + " image for " + e.getValue() + ": expected "
                        + mod[0].resolve(e.getKey() + ".<ext>"));
            }
        }
    }

    private static Map<String, Path> byStem(Path dir, List<String> problems) {
        Map<String, Path> out = new TreeMap<>(NaturalOrder.INSTANCE);
        for (Path p : images(dir)) {
            Path previous = out.put(ImageFiles.stem(p), p);
            if (previous != null) {
                problems.add("two images with the same name in " + dir + ": " + previous.getFileName() + " and "
                        + p.getFileName());
            }
        }
        return out;
    }

    /**
     * The one image in {@code dir} whose stem is {@code stem} ignoring case (any image extension), or null with
     * a problem: the public multi-exposure set has names like {@code Lighthouse_a.png} and {@code FarmHouse_B.png}.
     */
    private static Path single(Path dir, String stem, List<String> problems) {
        List<Path> found = images(dir).stream().filter(p -> ImageFiles.stem(p).equalsIgnoreCase(stem)).toList();
        if (found.isEmpty()) {
            problems.add("missing source image " + dir.resolve(stem + ".<ext>"));
            return null;
        }
        if (found.size() > 1) {
            problems.add("more than one source image " + stem + " in " + dir + ": " + found);
            return null;
        }
        return found.get(0);
    }

    private static List<SourcePair> finish(Path root, List<SourcePair> pairs, List<String> problems)
            throws EvaluationException {
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems);
        }
        if (pairs.isEmpty()) {
            throw new EvaluationException("no source pairs found in " + root);
        }
        List<SourcePair> sorted = new ArrayList<>(pairs);
        sorted.sort((x, y) -> NaturalOrder.INSTANCE.compare(x.id(), y.id()));
        return sorted;
    }

    static void requireDirectory(Path dir) throws EvaluationException {
        if (!Files.isDirectory(dir)) {
            throw new EvaluationException("missing folder: " + dir);
        }
    }

    static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(ImageFiles::isImage).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
    }

    static List<Path> subdirectories(Path dir) throws EvaluationException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .sorted((x, y) -> NaturalOrder.INSTANCE.compare(x.getFileName().toString(), y.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new EvaluationException("cannot list folder " + dir + ": " + e.getMessage());
        }
    }
}
