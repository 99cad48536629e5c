/**
 * Reed-Solomon erasure coding over GF(2^8): the codec ({@link io.cairn.erasure.ReedSolomon}), the
 * mapping of object bytes to stripes and cells ({@link io.cairn.erasure.StripeLayout}) and cell
 * checksums ({@link io.cairn.erasure.CellChecksums}). JDK only; the fast kernel uses the incubating
 * Vector API when its module is enabled ({@code --add-modules jdk.incubator.vector}) and the scalar
 * kernel otherwise. {@code io.cairn.erasure.bench} holds the throughput benchmark behind
 * {@code cairn bench codec}; docs/BENCHMARKS.md has its numbers.
 */
package io.cairn.erasure;
