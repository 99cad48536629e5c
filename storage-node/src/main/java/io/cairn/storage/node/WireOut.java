package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds a small response body: big-endian integers and strings as a 4-byte length plus UTF-8. */
final class WireOut {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    WireOut bool(boolean value) {
        return run(() -> out.writeByte(value ? 1 : 0));
    }

    WireOut int32(int value) {
        return run(() -> out.writeInt(value));
    }

    WireOut int64(long value) {
        return run(() -> out.writeLong(value));
    }

    WireOut string(String value) {
        byte[] utf8 = value.getBytes(UTF_8);
        return run(() -> {
            out.writeInt(utf8.length);
            out.write(utf8);
        });
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    private interface Write {
        void run() throws IOException;
    }

    private WireOut run(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return this;
    }
}
