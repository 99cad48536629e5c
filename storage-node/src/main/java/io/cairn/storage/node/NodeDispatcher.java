package io.cairn.storage.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.KeyFence;
import io.cairn.storage.ListPage;
import io.cairn.storage.NotFoundException;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Runs one node operation against the addressed drive (blocking; called off the event loop) and encodes
 * its result. One operation per {@link ShardStore} method; the wire forms are in docs/FORMAT.md.
 */
final class NodeDispatcher {

    private final Map<String, ShardStore> drives;
    private final WriteSessions writes;

    NodeDispatcher(Map<String, ShardStore> drives, WriteSessions writes) {
        this.drives = drives;
        this.writes = writes;
    }

    /**
     * A request already authenticated and, for appends, checked against its CRC32C; its nonce serves as
     * the request id in logs.
     */
    record Call(String requestId, String drive, String op, Map<String, List<String>> params, ByteBuf body) {
        String param(String name) {
            List<String> values = params.get(name);
            if (values == null || values.size() != 1) {
                throw new IllegalArgumentException("parameter '" + name + "' must be given once");
            }
            return values.get(0);
        }

        long longParam(String name) {
            try {
                return Long.parseLong(param(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' is not a number");
            }
        }

        int intParam(String name) {
            try {
                return Integer.parseInt(param(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "' is not a number");
            }
        }

        ShardId shard() {
            return new ShardId(param("volume"), param("key"), param("dataDir"), param("part"));
        }

        ByteBuffer bodyBytes() {
            return ByteBuffer.wrap(ByteBufUtil.getBytes(body));
        }
    }

    NodeReply handle(Call call) {
        ShardStore drive = drives.get(call.drive());
        if (drive == null) {
            throw new NotFoundException("this node has no drive " + call.drive());
        }
        return switch (call.op()) {
            case "driveInfo" -> driveInfo(drive);
            case "createVolume" -> run(() -> drive.createVolume(call.param("volume")));
            case "deleteVolume" -> run(() -> drive.deleteVolume(call.param("volume")));
            case "deleteVolumeRecursively" -> run(() -> drive.deleteVolumeRecursively(call.param("volume")));
            case "statVolume" -> NodeReply.ok(volume(new WireOut(), drive.statVolume(call.param("volume"))).toBytes());
            case "listVolumes" -> listVolumes(drive);
            case "readManifest" -> NodeReply.ok(drive.readManifest(call.param("volume"), call.param("key")));
            case "writeManifest" -> run(() -> writeManifest(drive, call));
            case "deleteManifest" -> run(() -> deleteManifest(drive, call));
            case "list" -> list(drive, call);
            case "createShard" -> createShard(drive, call);
            case "append" -> append(call);
            case "commit" -> finish(call, true);
            case "abort" -> finish(call, false);
            case "openShard" -> openShard(drive, call);
            case "readCells" -> readCells(drive, call);
            case "deleteDataDir" -> run(() -> drive.deleteDataDir(call.param("volume"), call.param("key"),
                    call.param("dataDir")));
            case "moveDataDir" -> run(() -> drive.moveDataDir(call.param("srcVolume"), call.param("srcKey"),
                    call.param("dataDir"), call.param("dstVolume"), call.param("dstKey")));
            case "acquireLease" -> NodeReply.ok(new WireOut().int64(fence(drive).acquireLease(call.param("volume"),
                    call.param("key"), call.param("owner"), call.longParam("ttlMillis"))).toBytes());
            case "fence" -> run(() -> fence(drive).fence(call.param("volume"), call.param("key"), call.param("owner"),
                    call.longParam("token")));
            case "releaseLease" -> run(() -> fence(drive).releaseLease(call.param("volume"), call.param("key"),
                    call.param("owner")));
            default -> throw new IllegalArgumentException("unknown node operation '" + call.op() + "'");
        };
    }

    /** A manifest write with a {@code fence} parameter carries the writer's fencing token. */
    private static void writeManifest(ShardStore drive, Call call) {
        byte[] manifest = ByteBufUtil.getBytes(call.body());
        if (call.params().containsKey("fence")) {
            drive.writeManifest(call.param("volume"), call.param("key"), manifest, call.longParam("fence"));
        } else {
            drive.writeManifest(call.param("volume"), call.param("key"), manifest);
        }
    }

    /** Likewise a manifest delete: without {@code fence} it is the unfenced delete older clients send. */
    private static void deleteManifest(ShardStore drive, Call call) {
        if (call.params().containsKey("fence")) {
            drive.deleteManifest(call.param("volume"), call.param("key"), call.longParam("fence"));
        } else {
            drive.deleteManifest(call.param("volume"), call.param("key"));
        }
    }

    private static KeyFence fence(ShardStore drive) {
        if (drive instanceof KeyFence fence) {
            return fence;
        }
        throw new IllegalStateException("drive " + drive.id() + " keeps no leases");
    }

    private static NodeReply run(Runnable action) {
        action.run();
        return NodeReply.empty();
    }

    private static NodeReply driveInfo(ShardStore drive) {
        DriveInfo info = drive.driveInfo();
        return NodeReply.ok(new WireOut().bool(info.online()).int64(info.totalBytes()).int64(info.freeBytes()).toBytes());
    }

    private static WireOut volume(WireOut out, VolumeInfo volume) {
        return out.string(volume.name()).int64(volume.created().getEpochSecond()).int32(volume.created().getNano());
    }

    private static NodeReply listVolumes(ShardStore drive) {
        List<VolumeInfo> volumes = drive.listVolumes();
        WireOut out = new WireOut().int32(volumes.size());
        volumes.forEach(v -> volume(out, v));
        return NodeReply.ok(out.toBytes());
    }

    private static NodeReply list(ShardStore drive, Call call) {
        ListPage page = drive.list(call.param("volume"), call.param("prefix"), call.param("startAfter"),
                call.intParam("limit"));
        WireOut out = new WireOut().bool(page.truncated()).int32(page.keys().size());
        page.keys().forEach(out::string);
        return NodeReply.ok(out.toBytes());
    }

    private NodeReply createShard(ShardStore drive, Call call) {
        ShardWriter writer = drive.createShard(call.shard(), call.intParam("cellSize"));
        return NodeReply.ok(writes.add(call.drive(), writer).getBytes(UTF_8));
    }

    private NodeReply append(Call call) {
        ShardWriter writer = writes.get(call.drive(), call.param("writer"));
        appendDirect(writer, call.body());
        return NodeReply.ok(new WireOut().int64(writer.length()).toBytes());
    }

    /**
     * Hands the cell to the drive as one direct buffer: a heap or multi-part buffer would make the file
     * channel copy it into a temporary direct buffer that the JDK then caches per I/O thread.
     */
    private static void appendDirect(ShardWriter writer, ByteBuf cell) {
        if (cell.isDirect() && cell.nioBufferCount() == 1) {
            writer.append(cell.nioBuffer());
            return;
        }
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(cell.readableBytes());
        try {
            direct.writeBytes(cell, cell.readerIndex(), cell.readableBytes());
            writer.append(direct.nioBuffer());
        } finally {
            direct.release();
        }
    }

    private NodeReply finish(Call call, boolean commit) {
        String id = call.param("writer");
        ShardWriter writer = writes.get(call.drive(), id);
        try {
            if (commit) {
                writer.commit();
            } else {
                writer.abort();
            }
        } finally {
            writes.remove(id);
        }
        return NodeReply.empty();
    }

    private static NodeReply openShard(ShardStore drive, Call call) {
        try (ShardReader reader = drive.openShard(call.shard())) {
            return NodeReply.ok(new WireOut().int64(reader.length()).int32(reader.cellSize()).toBytes());
        }
    }

    /** Reads the requested cells in one go, so any error is known before the first byte is sent. */
    private static NodeReply readCells(ShardStore drive, Call call) {
        long first = Long.parseLong(call.param("first"));
        int count = call.intParam("count");
        try (ShardReader reader = drive.openShard(call.shard())) {
            ByteBuffer cells = reader.readCells(first, count);
            return NodeReply.ok(CellFrames.encode(cells, reader.cellSize()));
        }
    }
}
