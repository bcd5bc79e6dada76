/**
 * The {@code evaluate} command: pairs source images with the fused images of one or more methods, computes
 * the {@link io.imagefusion.quality} metrics and reports them as a Markdown table and CSV.
 *
 * <p>Plain JDK (ImageIO for decoding), in the metrics module, without the worker or its framework:
 * {@code scripts/evaluate.sh ...}, {@code java -jar metrics/target/fusion-metrics-<version>.jar ...} or
 * {@code java -cp metrics/target/classes io.imagefusion.evaluation.EvaluateCommand ...}.
 * Usage: {@code docs/metrics.md}.
 */
package io.imagefusion.evaluation;
