package io.cairn.erasure;

class ScalarReedSolomonTest extends ReedSolomonContract {
    @Override
    ReedSolomon.Kernel kernel() {
        return ReedSolomon.Kernel.SCALAR;
    }
}
