package io.cairn.erasure;

/** Test JVMs run with the Vector API module, so this must really run the vector kernel. */
class VectorReedSolomonTest extends ReedSolomonContract {
    @Override
    ReedSolomon.Kernel kernel() {
        return ReedSolomon.Kernel.VECTOR;
    }
}
