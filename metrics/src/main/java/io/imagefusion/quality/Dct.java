package io.imagefusion.quality;

import java.util.Arrays;

/**
 * The orthonormal 2-D DCT-II of a whole image (MATLAB {@code dct2}), O(n log n) for any size.
 *
 * <p>Each 1-D transform uses Makhoul's reordering (a length-n DCT-II from one length-n DFT) and
 * Bluestein's chirp-z algorithm (a length-n DFT for any n from power-of-two FFTs); two real lines are
 * transformed at once as the real and imaginary part of one complex line.
 */
final class Dct {
    private Dct() {
    }

    /** Orthonormal DCT-II along rows, then along columns. */
    static double[] dct2(double[] src, int width, int height) {
        double[] out = src.clone();
        Line rows = new Line(width);
        for (int y = 0; y < height; y += 2) {
            int second = y + 1 < height ? y + 1 : -1;
            rows.load(out, y * width, 1, second < 0 ? -1 : second * width);
            rows.transform();
            rows.store(out, y * width, 1, second < 0 ? -1 : second * width);
        }
        Line cols = new Line(height);
        for (int x = 0; x < width; x += 2) {
            int second = x + 1 < width ? x + 1 : -1;
            cols.load(out, x, width, second);
            cols.transform();
            cols.store(out, x, width, second);
        }
        return out;
    }

    /** Scratch space and tables for transforming pairs of lines of length n. */
    private static final class Line {
        private final int n;
        private final Bluestein dft;
        private final double[] re;
        private final double[] im;
        private final double[] out1;
        private final double[] out2;
        private final double[] shiftCos;
        private final double[] shiftSin;
        private final double[] scale;

        Line(int n) {
            this.n = n;
            this.dft = new Bluestein(n);
            this.re = new double[n];
            this.im = new double[n];
            this.out1 = new double[n];
            this.out2 = new double[n];
            this.shiftCos = new double[n];
            this.shiftSin = new double[n];
            this.scale = new double[n];
            for (int k = 0; k < n; k++) {
                double t = Math.PI * k / (2.0 * n);
                shiftCos[k] = Math.cos(t);
                shiftSin[k] = Math.sin(t);
                scale[k] = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
            }
        }

        /** Loads line one (and two, unless its start is -1) in Makhoul's order: evens ascending, odds descending. */
        void load(double[] data, int start1, int stride, int start2) {
            for (int i = 0; i < n; i++) {
                int pos = (i & 1) == 0 ? i / 2 : n - 1 - i / 2;
                re[pos] = data[start1 + i * stride];
                im[pos] = start2 < 0 ? 0 : data[start2 + i * stride];
            }
        }

        void transform() {
            dft.transform(re, im);
            for (int k = 0; k < n; k++) {
                int m = k == 0 ? 0 : n - k;
                double zr = re[k];
                double zi = im[k];
                double wr = re[m];
                double wi = im[m];
                double v1r = (zr + wr) / 2;
                double v1i = (zi - wi) / 2;
                double v2r = (zi + wi) / 2;
                double v2i = -(zr - wr) / 2;
                out1[k] = scale[k] * (v1r * shiftCos[k] + v1i * shiftSin[k]);
                out2[k] = scale[k] * (v2r * shiftCos[k] + v2i * shiftSin[k]);
            }
        }

        void store(double[] data, int start1, int stride, int start2) {
            for (int k = 0; k < n; k++) {
                data[start1 + k * stride] = out1[k];
                if (start2 >= 0) {
                    data[start2 + k * stride] = out2[k];
                }
            }
        }
    }

    /** A length-n DFT by Bluestein's algorithm, in place on split complex arrays. */
    private static final class Bluestein {
        private final int n;
        private final int m;
        private final double[] chirpRe;
        private final double[] chirpIm;
        private final double[] kernelRe;
        private final double[] kernelIm;
        private final double[] bufRe;
        private final double[] bufIm;
        private final Fft fft;

        Bluestein(int n) {
            this.n = n;
            int size = 1;
            while (size < 2 * n - 1) {
                size <<= 1;
            }
            this.m = size;
            this.fft = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // k^2 mod 2n keeps the angle small, so the chirp stays accurate for large n
                long k2 = ((long) k * k) % (2L * n);
                double t = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(t);
                chirpIm[k] = -Math.sin(t);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = chirpRe[k];
                kernelIm[k] = -chirpIm[k];
                kernelRe[m - k] = chirpRe[k];
                kernelIm[m - k] = -chirpIm[k];
            }
            fft.transform(kernelRe, kernelIm, false);
            bufRe = new double[m];
            bufIm = new double[m];
        }

        void transform(double[] re, double[] im) {
            Arrays.fill(bufRe, 0);
            Arrays.fill(bufIm, 0);
            for (int k = 0; k < n; k++) {
                bufRe[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
                bufIm[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
            }
            fft.transform(bufRe, bufIm, false);
            for (int k = 0; k < m; k++) {
                double r = bufRe[k] * kernelRe[k] - bufIm[k] * kernelIm[k];
                double i = bufRe[k] * kernelIm[k] + bufIm[k] * kernelRe[k];
                bufRe[k] = r;
                bufIm[k] = i;
            }
            fft.transform(bufRe, bufIm, true);
            for (int k = 0; k < n; k++) {
                double r = bufRe[k] / m;
                double i = bufIm[k] / m;
                re[k] = r * chirpRe[k] - i * chirpIm[k];
                im[k] = r * chirpIm[k] + i * chirpRe[k];
            }
        }
    }

    /** Iterative radix-2 FFT of a fixed power-of-two size; the inverse is unnormalised. */
    private static final class Fft {
        private final int size;
        private final int[] reversed;
        private final double[] cos;
        private final double[] sin;

        Fft(int size) {
            this.size = size;
            int bits = Integer.numberOfTrailingZeros(size);
            reversed = new int[size];
            for (int i = 0; i < size; i++) {
                reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            cos = new double[Math.max(1, size / 2)];
            sin = new double[Math.max(1, size / 2)];
            for (int i = 0; i < size / 2; i++) {
                cos[i] = Math.cos(2 * Math.PI * i / size);
                sin[i] = Math.sin(2 * Math.PI * i / size);
            }
        }

        void transform(double[] re, double[] im, boolean inverse) {
            for (int i = 0; i < size; i++) {
                int j = reversed[i];
                if (j > i) {
                    double t = re[i];
                    re[i] = re[j];
                    re[j] = t;
                    t = im[i];
                    im[i] = im[j];
                    im[j] = t;
                }
            }
            double sign = inverse ? 1 : -1;
            for (int len = 2; len <= size; len <<= 1) {
                int half = len >> 1;
                int step = size / len;
                for (int start = 0; start < size; start += len) {
                    for (int k = 0; k < half; k++) {
                        double wr = cos[k * step];
                        double wi = sign * sin[k * step];
                        int p = start + k;
                        int q = p + half;
                        double tr = re[q] * wr - im[q] * wi;
                        double ti = re[q] * wi + im[q] * wr;
                        re[q] = re[p] - tr;
                        im[q] = im[p] - ti;
                        re[p] += tr;
                        im[p] += ti;
                    }
                }
            }
        }
    }
}
