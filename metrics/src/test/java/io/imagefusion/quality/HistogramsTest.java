package io.imagefusion.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistogramsTest {
    @Test
    void constantImageHasZeroEntropy() {
        assertEquals(0.0, Histograms.entropy(Images.constant(7, 5, 128)), 0.0);
    }

    @Test
    void entropyIsInBits() {
        // two equally frequent grey levels: 1 bit; four: 2 bits
        assertEquals(1.0, Histograms.entropy(Images.of(2, 2, 0, 0, 255, 255)), 1e-12);
        assertEquals(2.0, Histograms.entropy(Images.of(2, 2, 0, 1, 2, 3)), 1e-12);
        // p = (1/2, 1/4, 1/4): 1.5 bits
        assertEquals(1.5, Histograms.entropy(Images.of(4, 1, 9, 9, 10, 11)), 1e-12);
    }

    @Test
    void valuesAreRoundedAndClampedIntoTheirBins() {
        // 9.6 -> 10, 10.4 -> 10, -3 -> 0, 300 -> 255: p = (1/2, 1/4, 1/4)
        assertEquals(1.5, Histograms.entropy(Images.of(4, 1, 9.6, 10.4, -3, 300)), 1e-12);
    }

    @Test
    void mutualInformationOfAnImageWithItselfIsItsEntropy() {
        GreyImage x = Images.texture(40, 30, 3);
        assertEquals(Histograms.entropy(x), Histograms.mutualInformation(x, x), 1e-12);
    }

    @Test
    void mutualInformationByHand() {
        GreyImage a = Images.of(2, 2, 0, 0, 255, 255);
        // F independent of A: H(A)=1, H(F)=1, H(A,F)=2 -> 0
        assertEquals(0.0, Histograms.mutualInformation(a, Images.of(2, 2, 0, 255, 0, 255)), 1e-12);
        // F a relabelling of A: 1 bit
        assertEquals(1.0, Histograms.mutualInformation(a, Images.of(2, 2, 7, 7, 3, 3)), 1e-12);
        // fusion MI sums both sources
        GreyImage f = Images.of(2, 2, 7, 7, 3, 3);
        GreyImage b = Images.of(2, 2, 5, 6, 5, 6);
        assertEquals(1.0, Histograms.fusionMutualInformation(a, b, f), 1e-12);
    }
}
