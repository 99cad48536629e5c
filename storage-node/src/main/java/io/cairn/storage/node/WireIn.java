package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.ShardStoreException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Reads a body written by {@link WireOut}; a short or malformed body is a {@link ShardStoreException}. */
final class WireIn {

    private final ByteBuffer in;

    WireIn(byte[] body) {
        this.in = ByteBuffer.wrap(body);
    }

    boolean bool() {
        return guard(() -> in.get() != 0);
    }

    int int32() {
        return guard(in::getInt);
    }

    long int64() {
        return guard(in::getLong);
    }

    String string() {
        return guard(() -> {
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new BufferUnderflowException();
            }
            String value = new String(in.array(), in.position(), length, UTF_8);
            in.position(in.position() + length);
            return value;
        });
    }

    private interface Read<T> {
        T get();
    }

    private static <T> T guard(Read<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new ShardStoreException("malformed response from storage node: body too short");
        }
    }
}
