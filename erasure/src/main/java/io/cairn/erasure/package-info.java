/**
 * Reed-Solomon erasure coding over GF(2^8): the codec ({@link io.cairn.erasure.ReedSolomon}), the
 * mapping of object bytes to stripes and cells ({@link io.cairn.erasure.StripeLayout}) and cell
 * checksums. JDK only; the fast kernel uses the incubating Vector API when its module is enabled.
 */
package io.cairn.erasure;
