package io.cairn.erasure;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the kernels. The vector kernel is loaded by name only when the incubating Vector API module is
 * in the boot layer, so a JVM started without {@code --add-modules jdk.incubator.vector} never links it
 * and runs the scalar kernel instead of failing.
 */
final class Kernels {

    private static final CodingKernel SCALAR = new ScalarKernel();
    private static final String VECTOR_CLASS = "io.cairn.erasure.VectorKernel";

    private Kernels() {
    }

    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static CodingKernel scalar() {
        return SCALAR;
    }

    static CodingKernel vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException(
                    "the vector kernel needs the JVM option --add-modules jdk.incubator.vector");
        }
        return VectorHolder.INSTANCE;
    }

    /** Loaded on first use only. */
    private static final class VectorHolder {
        static final CodingKernel INSTANCE = load();

        private static CodingKernel load() {
            try {
                return (CodingKernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                    | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot load the vector kernel", e);
            }
        }
    }
}
