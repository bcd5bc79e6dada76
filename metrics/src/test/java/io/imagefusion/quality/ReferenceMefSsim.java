package io.imagefusion.quality;

/** One scale of {@code mef_ssim} written as the authors' per-patch loop, as the oracle for {@link MefSsim}. */
final class ReferenceMefSsim {
    private ReferenceMefSsim() {
    }

    static double scale(double[][] seq, double[] f, int w, int h) {
        int win = 11;
        int n = win * win;
        int bd = 5;
        int k = seq.length;
        double[] g1 = Filters.gaussian(win, 1.5);
        double eps = Math.ulp(1.0);
        double c = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int count = 0;
        for (int i = bd; i < h - bd; i++) {
            for (int j = bd; j < w - bd; j++) {
                double[][] vecs = new double[k][n];
                double[] mu = new double[k];
                double[] ed = new double[k];
                for (int s = 0; s < k; s++) {
                    int t = 0;
                    for (int dx = -bd; dx <= bd; dx++) {
                        for (int dy = -bd; dy <= bd; dy++) {
                            vecs[s][t++] = seq[s][(i + dy) * w + j + dx];
                        }
                    }
                    for (double v : vecs[s]) {
                        mu[s] += v / n;
                    }
                }
                double denominator = 0;
                double[] total = new double[n];
                for (int s = 0; s < k; s++) {
                    double ss = 0;
                    for (int t = 0; t < n; t++) {
                        ss += (vecs[s][t] - mu[s]) * (vecs[s][t] - mu[s]);
                        total[t] += vecs[s][t];
                    }
                    ed[s] = Math.sqrt(ss) + 0.001;
                    denominator += Math.sqrt(ss);
                }
                double totalMean = java.util.Arrays.stream(total).sum() / n;
                double numerator = 0;
                for (double v : total) {
                    numerator += (v - totalMean) * (v - totalMean);
                }
                double r = (Math.sqrt(numerator) + eps) / (denominator + eps);
                r = r > 1 ? 1 - eps : r < 0 ? eps : r;
                double p = Math.min(Math.tan(Math.PI / 2 * r), 10);
                double[] wmap = new double[k];
                double norm = 0;
                for (int s = 0; s < k; s++) {
                    wmap[s] = Math.pow(ed[s] / win, p) + eps;
                    norm += wmap[s];
                }
                double maxEd = java.util.Arrays.stream(ed).max().orElseThrow();
                double[] block = new double[n];
                for (int s = 0; s < k; s++) {
                    for (int t = 0; t < n; t++) {
                        block[t] += wmap[s] / norm * (vecs[s][t] - mu[s]) / ed[s];
                    }
                }
                double bn = Math.sqrt(java.util.Arrays.stream(block).map(v -> v * v).sum());
                if (bn > 0) {
                    for (int t = 0; t < n; t++) {
                        block[t] = block[t] / bn * maxEd;
                    }
                }
                double mu1 = 0;
                double mu2 = 0;
                int t = 0;
                double[] fv = new double[n];
                double[] wv = new double[n];
                for (int dx = -bd; dx <= bd; dx++) {
                    for (int dy = -bd; dy <= bd; dy++) {
                        fv[t] = f[(i + dy) * w + j + dx];
                        wv[t] = g1[dy + bd] * g1[dx + bd];
                        t++;
                    }
                }
                for (t = 0; t < n; t++) {
                    mu1 += wv[t] * block[t];
                    mu2 += wv[t] * fv[t];
                }
                double s1 = 0;
                double s2 = 0;
                double s12 = 0;
                for (t = 0; t < n; t++) {
                    s1 += wv[t] * (block[t] - mu1) * (block[t] - mu1);
                    s2 += wv[t] * (fv[t] - mu2) * (fv[t] - mu2);
                    s12 += wv[t] * (block[t] - mu1) * (fv[t] - mu2);
                }
                sum += (2 * s12 + c) / (s1 + s2 + c);
                count++;
            }
        }
        return sum / count;
    }
}
