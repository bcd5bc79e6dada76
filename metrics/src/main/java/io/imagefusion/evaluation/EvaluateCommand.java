package io.imagefusion.evaluation;

import io.imagefusion.quality.FusionMetrics;
import io.imagefusion.quality.GreyImage;
import io.imagefusion.quality.Metric;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate}: computes fusion metrics for folders of fused images against their sources and prints a
 * Markdown table (per image and mean per method), optionally CSV. See {@link Options#USAGE} and
 * {@code docs/metrics.md}.
 *
 * <p>Every problem with the input (missing or unreadable file, size mismatch, unmatched pair) stops the run
 * with a message naming the file and exit status 1; nothing is skipped.
 */
public final class EvaluateCommand {
    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int USAGE = 2;

    private EvaluateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command with {@code System.out} / {@code System.err}; returns the exit status. */
    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() == null) {
                out.print(Options.USAGE);
                return OK;
            }
            err.println("evaluate: " + e.getMessage());
            err.print(Options.USAGE);
            return USAGE;
        }
        try {
            Report report = evaluate(options, err);
            out.print(report.markdown(options.meansOnly()));
            if (options.csv() != null) {
                report.writeCsv(options.csv());
                err.println("evaluate: wrote " + options.csv());
            }
            return OK;
        } catch (EvaluationException e) {
            for (String problem : e.problems()) {
                err.println("evaluate: " + problem);
            }
            return BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("evaluate: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    static Report evaluate(Options options, PrintStream err) throws EvaluationException {
        List<SourcePair> pairs = options.layout().discover(options.sources());
        List<FusedImages> fused = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MethodSpec method : options.methods()) {
            try {
                FusedImages images = FusedImages.match(method, pairs);
                fused.add(images);
                if (!images.unmatched().isEmpty()) {
                    err.println("evaluate: warning: " + images.unmatched().size() + " image(s) in the folder of method "
                            + method.name() + " belong to no source pair and are not evaluated: " + images.unmatched());
                }
            } catch (EvaluationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new EvaluationException(problems);
        }
        List<String> names = options.methods().stream().map(MethodSpec::name).toList();
        Report report = new Report(names, options.metrics());
        List<Report.Row> rows = new ArrayList<>();
        for (SourcePair pair : pairs) {
            GreyImage a = ImageFiles.read(pair.a());
            GreyImage b = ImageFiles.read(pair.b());
            requireSameSize(pair.a(), a, pair.b(), b);
            for (int m = 0; m < names.size(); m++) {
                Path file = fused.get(m).of(pair);
                GreyImage f = ImageFiles.read(file);
                requireSameSize(pair.a(), a, file, f);
                Map<Metric, Double> values = new EnumMap<>(Metric.class);
                for (Metric metric : options.metrics()) {
                    try {
                        values.put(metric, FusionMetrics.compute(metric, a, b, f));
                    } catch (IllegalArgumentException e) {
                        throw new EvaluationException(metric.label() + " cannot be computed for " + file + ": " + e.getMessage());
                    }
                }
                rows.add(new Report.Row(names.get(m), pair.id(), file, values));
            }
        }
        for (Report.Row row : rows) {
            report.add(row);
        }
        return report;
    }

    private static void requireSameSize(Path p, GreyImage a, Path q, GreyImage b) throws EvaluationException {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new EvaluationException("size mismatch: " + q + " is " + b.width() + "x" + b.height() + " but " + p
                    + " is " + a.width() + "x" + a.height());
        }
    }
}
