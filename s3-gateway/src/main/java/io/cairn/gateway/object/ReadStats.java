package io.cairn.gateway.object;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what reads had to do beyond the healthy path, for operators: part reads that lost a shard, and
 * stripes that were rebuilt from parity (by reads and by heal alike).
 */
final class ReadStats {

    final LongAdder degradedReads = new LongAdder();
    final LongAdder stripesReconstructed = new LongAdder();
}
