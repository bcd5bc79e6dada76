package io.imagefusion.evaluation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds each source pair's fused image for one method. The rule, deterministic and independent of listing order:
 *
 * <ul>
 *   <li><b>Folder</b>: an image file (png, jpg, jpeg, bmp, tif, tiff, gif) belongs to a pair if its name
 *       without extension equals one of the pair's keys or ends with a key preceded by a character that is not
 *       a letter or digit, ignoring case: {@code results_transfuse_IR1.png} and {@code IR1.png} match pair
 *       {@code IR1}, {@code results_transfuse_IR11.png} does not. Exactly one file must match each pair.</li>
 *   <li><b>Template</b> (the location contains {@code {pair}}): the key replaces {@code {pair}}; the result is a
 *       file path, with or without extension (without one, any image extension), its file name compared
 *       ignoring case, and exactly one file must exist.</li>
 * </ul>
 * Images in a method folder that belong to no pair are reported as a warning.
 */
public final class FusedImages {
    static final String PAIR = "{pair}";

    private final Map<SourcePair, Path> matches;
    private final List<Path> unmatched;

    private FusedImages(Map<SourcePair, Path> matches, List<Path> unmatched) {
        this.matches = matches;
        this.unmatched = unmatched;
    }

    public Path of(SourcePair pair) {
        return matches.get(pair);
    }

    /** Images in the method folder that no pair claimed. */
    public List<Path> unmatched() {
        return unmatched;
    }

    public static FusedImages match(MethodSpec method, List<SourcePair> pairs) throws EvaluationException {
        return method.isTemplate() ? byTemplate(method, pairs) : byFolder(method, pairs);
    }

    private static FusedImages byFolder(MethodSpec method, List<SourcePair> pairs) throws EvaluationException {
        Path folder = Path.of(method.location());
        if (!Files.isDirectory(folder)) {
            throw new EvaluationException("missing folder for method " + method.name() + ": " + folder);
        }
        Map<Path, List<Path>> listings = new HashMap<>();
        Map<SourcePair, Path> found = new LinkedHashMap<>();
        Map<Path, SourcePair> claimedBy = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (SourcePair pair : pairs) {
            Path dir = folder;
            List<String> keys = pair.keys();
            if (pair.group() != null && Files.isDirectory(folder.resolve(pair.group()))) {
                dir = folder.resolve(pair.group());
                keys = List.of(pair.id().substring(pair.group().length() + 1));
            }
            List<Path> images = listings.computeIfAbsent(dir, SourceLayout::images);
            Set<Path> hits = new LinkedHashSet<>();
            for (Path p : images) {
                for (String key : keys) {
                    if (matches(ImageFiles.stem(p), key)) {
                        hits.add(p);
                    }
                }
            }
            if (hits.isEmpty()) {
                problems.add("missing fused image for pair " + pair.id() + " of method " + method.name() + ": no file in "
                        + dir + " named " + String.join(" or ", keys.stream().map(k -> k + ".<ext> / *_" + k + ".<ext>").toList()));
            } else if (hits.size() > 1) {
                problems.add("ambiguous fused images for pair " + pair.id() + " of method " + method.name() + ": " + hits);
            } else {
                Path hit = hits.iterator().next();
                SourcePair other = claimedBy.put(hit, pair);
                if (other != null) {
                    problems.add("fused image " + hit + " matches both pair " + other.id() + " and pair " + pair.id());
                }
                found.put(pair, hit);
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems);
        }
        Set<Path> used = new HashSet<>(found.values());
        List<Path> unmatched = listings.values().stream().flatMap(List::stream).distinct()
                .filter(p -> !used.contains(p)).sorted().toList();
        return new FusedImages(found, unmatched);
    }

    /** Stem equals the key, or ends with it after a non-alphanumeric character; case-insensitive. */
    static boolean matches(String stem, String key) {
        String s = stem.toLowerCase(Locale.ROOT);
        String k = key.toLowerCase(Locale.ROOT);
        if (s.equals(k)) {
            return true;
        }
        if (!s.endsWith(k) || s.length() == k.length()) {
            return false;
        }
        return !Character.isLetterOrDigit(s.charAt(s.length() - k.length() - 1));
    }

    private static FusedImages byTemplate(MethodSpec method, List<SourcePair> pairs) throws EvaluationException {
        Map<SourcePair, Path> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SourcePair pair : pairs) {
            Set<Path> hits = new LinkedHashSet<>();
            List<String> tried = new ArrayList<>();
            for (String key : pair.keys()) {
                Path candidate = Path.of(method.location().replace(PAIR, key));
                tried.add(candidate.toString());
                Path dir = candidate.toAbsolutePath().getParent();
                String name = candidate.getFileName().toString();
                String ext = ImageFiles.extension(candidate);
                boolean withExtension = ext != null && ImageFiles.EXTENSIONS.contains(ext);
                if (dir != null && Files.isDirectory(dir)) {
                    for (Path p : SourceLayout.images(dir)) {
                        String other = withExtension ? p.getFileName().toString() : ImageFiles.stem(p);
                        if (other.equalsIgnoreCase(name)) {
                            hits.add(candidate.resolveSibling(p.getFileName()));
                        }
                    }
                }
            }
            if (hits.isEmpty()) {
                problems.add("missing fused image for pair " + pair.id() + " of method " + method.name() + ": tried "
                        + String.join(", ", tried));
            } else if (hits.size() > 1) {
                problems.add("ambiguous fused images for pair " + pair.id() + " of method " + method.name() + ": " + hits);
            } else {
                found.put(pair, hits.iterator().next());
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems);
        }
        return new FusedImages(found, List.of());
    }
}
