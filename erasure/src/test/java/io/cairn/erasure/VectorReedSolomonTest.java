package io.cairn.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Test JVMs run with the Vector API module, so this must really run the vector kernel. */
class VectorReedSolomonTest extends ReedSolomonContract {
    @Override
    ReedSolomon.Kernel kernel() {
        return ReedSolomon.Kernel.VECTOR;
    }

    @Test
    void autoPicksTheVectorKernelAndTheRequestedSpecies() {
        ReedSolomon rs = ReedSolomon.create(4, 2);
        assertThat(rs.kernel()).isEqualTo(ReedSolomon.Kernel.VECTOR);
        String species = System.getProperty("cairn.erasure.species", "auto");
        if (species.equals("auto")) {
            assertThat(rs.kernelDescription()).matches("VECTOR species=(128|256|512)");
        } else {
            assertThat(rs.kernelDescription()).isEqualTo("VECTOR species=" + species);
        }
    }
}
