package io.imagefusion.evaluation;

import io.imagefusion.quality.Metric;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Per-image rows and per-method means, as Markdown and CSV. */
final class Report {
    /** One fused image's values. */
    record Row(String method, String pair, Path fused, Map<Metric, Double> values) {
    }

    private final Set<Metric> metrics;
    private final Map<String, List<Row>> byMethod = new LinkedHashMap<>();

    Report(List<String> methods, Set<Metric> metrics) {
        this.metrics = metrics;
        for (String m : methods) {
            byMethod.put(m, new ArrayList<>());
        }
    }

    void add(Row row) {
        byMethod.get(row.method()).add(row);
    }

    /** The arithmetic mean over a method's images (NaN if any value is NaN). */
    double mean(String method, Metric metric) {
        List<Row> rows = byMethod.get(method);
        double s = 0;
        for (Row r : rows) {
            s += r.values().get(metric);
        }
        return s / rows.size();
    }

    String markdown(boolean meansOnly) {
        StringBuilder sb = new StringBuilder();
        if (!meansOnly) {
            sb.append("Per image:\n\n");
            header(sb, "method | pair");
            for (var e : byMethod.entrySet()) {
                for (Row r : e.getValue()) {
                    sb.append("| ").append(e.getKey()).append(" | ").append(r.pair()).append(" |");
                    for (Metric m : metrics) {
                        sb.append(' ').append(format(r.values().get(m), 4)).append(" |");
                    }
                    sb.append('\n');
                }
            }
            sb.append('\n');
        }
        int n = byMethod.values().iterator().next().size();
        sb.append("Mean over ").append(n).append(n == 1 ? " image" : " images")
                .append(" (higher is better except Nabf):\n\n");
        header(sb, "method");
        for (String method : byMethod.keySet()) {
            sb.append("| ").append(method).append(" |");
            for (Metric m : metrics) {
                sb.append(' ').append(format(mean(method, m), 4)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void header(StringBuilder sb, String first) {
        sb.append("| ").append(first).append(" |");
        for (Metric m : metrics) {
            sb.append(' ').append(m.label()).append(" |");
        }
        sb.append("\n|");
        sb.append("---|".repeat(first.split("\\|").length));
        sb.append("---:|".repeat(metrics.size()));
        sb.append('\n');
    }

    /** CSV: {@code method,pair,fused,<metrics>}; per-image rows, then one row per method with pair {@code mean}. */
    void writeCsv(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("method,pair,fused");
            for (Metric m : metrics) {
                w.write("," + m.label());
            }
            w.write("\n");
            for (var e : byMethod.entrySet()) {
                for (Row r : e.getValue()) {
                    w.write(csv(e.getKey()) + "," + csv(r.pair()) + "," + csv(r.fused().toString()));
                    for (Metric m : metrics) {
                        w.write("," + format(r.values().get(m), 6));
                    }
                    w.write("\n");
                }
            }
            for (String method : byMethod.keySet()) {
                w.write(csv(method) + ",mean,");
                for (Metric m : metrics) {
                    w.write("," + format(mean(method, m), 6));
                }
                w.write("\n");
            }
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    static String format(double v, int decimals) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
