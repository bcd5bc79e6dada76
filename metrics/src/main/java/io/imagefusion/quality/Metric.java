package io.imagefusion.quality;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metrics the package computes, with the names used in tables, CSV and job configuration.
 * Conventions per metric: {@code docs/metrics.md}.
 */
public enum Metric {
    EN("EN", true, Inputs.FUSED),
    SD("SD", true, Inputs.FUSED),
    SF("SF", true, Inputs.FUSED),
    AG("AG", true, Inputs.FUSED),
    MI("MI", true, Inputs.TWO_SOURCES),
    SCD("SCD", true, Inputs.TWO_SOURCES),
    VIF("VIF", true, Inputs.TWO_SOURCES),
    QABF("Qabf", true, Inputs.TWO_SOURCES),
    NABF("Nabf", false, Inputs.TWO_SOURCES),
    SSIM("SSIM", true, Inputs.TWO_SOURCES),
    FMI_PIXEL("FMI_pixel", true, Inputs.TWO_SOURCES),
    FMI_DCT("FMI_dct", true, Inputs.TWO_SOURCES),
    MEF_SSIM("MEF-SSIM", true, Inputs.EXPOSURE_STACK);

    /** What a metric looks at besides the fused image. */
    public enum Inputs {
        /** Only the fused image (the sources are still required to be present and of the same size). */
        FUSED,
        /** The two sources and the fused image. */
        TWO_SOURCES,
        /** The sources form an exposure stack; only meaningful for multi-exposure fusion. */
        EXPOSURE_STACK
    }

    private final String label;
    private final boolean higherIsBetter;
    private final Inputs inputs;

    Metric(String label, boolean higherIsBetter, Inputs inputs) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.inputs = inputs;
    }

    /** The name used in tables, CSV headers and {@code --metrics}. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Inputs inputs() {
        return inputs;
    }

    /** The twelve metrics that apply to any two-source fusion (everything except MEF-SSIM). */
    public static Set<Metric> twoSource() {
        return EnumSet.complementOf(EnumSet.of(MEF_SSIM));
    }

    /** The cheap subset suited to per-job evaluation (all of them about 100 ms or less at 640x480). */
    public static Set<Metric> cheap() {
        return EnumSet.of(EN, SD, SF, AG, MI, SCD, SSIM, QABF);
    }

    /**
     * Parses a label, case-insensitively; {@code -} and {@code _} are interchangeable
     * ({@code fmi-pixel}, {@code MEF_SSIM}).
     */
    public static Metric parse(String name) {
        String key = normalise(name);
        for (Metric m : values()) {
            if (normalise(m.label).equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'; known: "
                + EnumSet.allOf(Metric.class).stream().map(Metric::label).collect(Collectors.joining(", ")));
    }

    /** Parses a comma-separated list such as {@code EN,SD,Qabf}; the result is in table order. */
    public static Set<Metric> parseList(String csv) {
        EnumSet<Metric> out = EnumSet.noneOf(Metric.class);
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no metric named in '" + csv + "'");
        }
        return out;
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
