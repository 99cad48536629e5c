package io.cairn.object;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what client reads had to do beyond the healthy path, for operators: part reads that lost a shard,
 * and stripes decoded from parity to serve them (heal's own decoding is not counted here).
 */
final class ReadStats {

    final LongAdder degradedReads = new LongAdder();
    final LongAdder stripesReconstructed = new LongAdder();
}
