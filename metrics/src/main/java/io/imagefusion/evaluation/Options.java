package io.imagefusion.evaluation;

import io.imagefusion.quality.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The parsed command line of {@code evaluate}. */
record Options(SourceLayout layout, Path sources, List<MethodSpec> methods, Set<Metric> metrics, Path csv,
        boolean exposureStack, boolean meansOnly) {

    static final String USAGE = """
            usage: evaluate --layout tno|medical|pairs --sources DIR [options] NAME=FOLDER|NAME=TEMPLATE ...

              --layout tno      DIR/ir/IR<i>.<ext> + DIR/vis/VIS<i>.<ext>
              --layout medical  DIR = a pair set <A>_<B>/{<A>,<B>}/<n>.<ext> (e.g. medical/test/MRI_CT) or a folder of sets
              --layout pairs    DIR/<pair>/<pair>_A.<ext> + DIR/<pair>/<pair>_B.<ext> (multi-focus, multi-exposure)
              NAME=FOLDER       fused images of method NAME; a file belongs to a pair if its name without extension
                                is the pair key or ends with _<key> (any non-alphanumeric separator), e.g. *_IR3.png
              NAME=TEMPLATE     a path containing {pair}, e.g. CNN=fused_images/{pair}_CNN (extension optional)
              --metrics LIST    comma-separated, e.g. EN,SD,SF,MI,SCD,VIF,Qabf,SSIM (default: all that apply)
              --exposure-stack  the sources are exposure stacks: adds MEF-SSIM to the default metrics
              --csv FILE        also write per-image values and means as CSV
              --means-only      print only the table of means
            Exit status: 0 success, 1 a missing/unreadable/mismatched file (named in the message), 2 bad usage.
            """;

    static Options parse(String[] args) throws UsageException {
        SourceLayout layout = null;
        Path sources = null;
        Path csv = null;
        String metrics = null;
        boolean exposure = false;
        boolean meansOnly = false;
        List<MethodSpec> methods = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            try {
                switch (a) {
                    case "--layout" -> layout = SourceLayout.parse(value(args, ++i, a));
                    case "--sources" -> sources = Path.of(value(args, ++i, a));
                    case "--csv" -> csv = Path.of(value(args, ++i, a));
                    case "--metrics" -> metrics = value(args, ++i, a);
                    case "--exposure-stack" -> exposure = true;
                    case "--means-only" -> meansOnly = true;
                    case "-h", "--help" -> throw new UsageException(null);
                    default -> {
                        if (a.startsWith("-")) {
                            throw new UsageException("unknown option " + a);
                        }
                        methods.add(MethodSpec.parse(a));
                    }
                }
            } catch (EvaluationException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (layout == null) {
            throw new UsageException("--layout is required");
        }
        if (sources == null) {
            throw new UsageException("--sources is required");
        }
        if (methods.isEmpty()) {
            throw new UsageException("name at least one method as NAME=FOLDER");
        }
        if (methods.stream().map(MethodSpec::name).distinct().count() != methods.size()) {
            throw new UsageException("method names must be unique");
        }
        Set<Metric> chosen;
        if (metrics == null) {
            chosen = exposure ? EnumSet.allOf(Metric.class) : Metric.twoSource();
        } else {
            try {
                chosen = Metric.parseList(metrics);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (chosen.contains(Metric.MEF_SSIM) && !exposure) {
                throw new UsageException("MEF-SSIM applies to exposure stacks only: add --exposure-stack");
            }
        }
        return new Options(layout, sources, List.copyOf(methods), chosen, csv, exposure, meansOnly);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** A bad command line; a null message asks for the usage text only. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
