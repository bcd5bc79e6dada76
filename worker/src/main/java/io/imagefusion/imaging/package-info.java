/**
 * Decoding, colour and bit-depth conversion, and encoding of images, in plain JDK (ImageIO).
 *
 * <p>No framework and no ONNX Runtime here: this package turns bytes into the network's 0..1 planes and
 * back, and is tested with golden pixels. Rules it implements:
 * <ul>
 *   <li>image size is read from the header and checked against {@link io.imagefusion.imaging.ImageLimits}
 *       before the pixels are decoded;</li>
 *   <li>colour images are split into BT.601 full-range Y, Cb, Cr ({@link io.imagefusion.imaging.Bt601});
 *       the network sees Y, the encoder recombines the fused Y with the original Cb, Cr;</li>
 *   <li>16-bit grey images are mapped to 0..1 by a per-image percentile window
 *       ({@link io.imagefusion.imaging.PercentileWindow}), the way thermal cameras display them.</li>
 * </ul>
 */
package io.imagefusion.imaging;
