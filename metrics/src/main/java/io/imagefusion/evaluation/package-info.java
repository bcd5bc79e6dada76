/**
 * The {@code evaluate} command: pairs source images with the fused images of one or more methods, computes
 * the {@link io.imagefusion.quality} metrics and reports them as a Markdown table and CSV.
 *
 * <p>Plain JDK (ImageIO for decoding) so that it runs without the worker's framework:
 * {@code java -cp target/classes io.imagefusion.evaluation.EvaluateCommand ...}. Usage: {@code docs/metrics.md}.
 */
package io.imagefusion.evaluation;
