package io.imagefusion.quality.bench;

import io.imagefusion.evaluation.ImageFiles;
import io.imagefusion.quality.FusionMetrics;
import io.imagefusion.quality.GreyImage;
import io.imagefusion.quality.Metric;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Single-thread timing of every metric on one 640x480 pair (TNO IR4/VIS4 and the CrossFuse output for it).
 * Not part of the test suite: run it with
 * {@code mvn -o -q test-compile && java -cp target/classes:target/test-classes
 * io.imagefusion.quality.bench.MetricsBenchmark [shared-data-dir] [repetitions]}.
 * Prints the median and minimum wall time per metric over the repetitions, after a warm-up, and the median
 * CPU time of the thread (closer to the cost on an idle core when the machine is shared).
 */
public final class MetricsBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        GreyImage a = ImageFiles.read(data.resolve("ir-vis/tno21/ir/IR4.png"));
        GreyImage b = ImageFiles.read(data.resolve("ir-vis/tno21/vis/VIS4.png"));
        GreyImage f = ImageFiles.read(data.resolve("ir-vis/tno21-fused/crossfuse/results_transfuse_IR4.png"));
        System.out.printf(Locale.ROOT, "pair %dx%d, %d repetitions after warm-up, one thread, %s%n",
                a.width(), a.height(), reps, Runtime.version());

        Map<Metric, double[]> times = new EnumMap<>(Metric.class);
        Map<Metric, double[]> cpu = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            times.put(m, new double[reps]);
            cpu.put(m, new double[reps]);
        }
        double[] all = new double[reps];
        double[] allCpu = new double[reps];
        double[] cheap = new double[reps];
        double[] cheapCpu = new double[reps];
        double sink = 0;
        for (int warm = 0; warm < 5; warm++) {
            for (Metric m : Metric.values()) {
                sink += FusionMetrics.compute(m, a, b, f);
            }
        }
        for (int r = 0; r < reps; r++) {
            for (Metric m : Metric.values()) {
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                sink += FusionMetrics.compute(m, a, b, f);
                times.get(m)[r] = (System.nanoTime() - t0) / 1e6;
                cpu.get(m)[r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            }
            long c0 = CPU.getCurrentThreadCpuTime();
            all[r] = time(Metric.twoSource(), a, b, f);
            long c1 = CPU.getCurrentThreadCpuTime();
            cheap[r] = time(Metric.cheap(), a, b, f);
            allCpu[r] = (c1 - c0) / 1e6;
            cheapCpu[r] = (CPU.getCurrentThreadCpuTime() - c1) / 1e6;
        }
        System.out.println("metric      wall median   wall min   cpu median");
        for (Metric m : Metric.values()) {
            print(m.label(), times.get(m), cpu.get(m));
        }
        print("cheap 8", cheap, cheapCpu);
        print("all 12", all, allCpu);
        System.out.println("(checksum " + sink + ")");
    }

    private static void print(String label, double[] wall, double[] cpu) {
        System.out.printf(Locale.ROOT, "%-10s %9.1f ms %8.1f ms %9.1f ms%n", label, median(wall), min(wall), median(cpu));
    }

    private static double time(Set<Metric> metrics, GreyImage a, GreyImage b, GreyImage f) {
        long t0 = System.nanoTime();
        FusionMetrics.compute(a, b, f, metrics);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
