package io.cairn.gateway.checksum;

/** A checksum being computed over a stream; {@link #finish()} returns the big-endian digest bytes once. */
public interface RunningChecksum {
    void update(byte[] data, int offset, int length);

    byte[] finish();
}
