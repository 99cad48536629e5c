package io.cairn.object;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.FileShardStore;
import io.cairn.storage.ShardStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Real drives in temp directories under one object layer, with ways to damage them. */
final class ObjectLayerFixture implements AutoCloseable {

    final Path root;
    final StripeLayout layout;
    final List<Path> driveDirs = new ArrayList<>();
    ErasureObjectService service;
    /** These tests are about shards: no object is kept inline unless a test asks for it. */
    int inlineLimit = -1;

    ObjectLayerFixture(Path root, int k, int m, int stripeSize) {
        this(root, k, m, stripeSize, -1);
    }

    ObjectLayerFixture(Path root, int k, int m, int stripeSize, int inlineLimit) {
        this.inlineLimit = inlineLimit;
        this.root = root;
        this.layout = new StripeLayout(k, m, stripeSize);
        for (int i = 1; i <= k + m; i++) {
            driveDirs.add(root.resolve("d" + i));
        }
        open();
    }

    void open() {
        List<ShardStore> drives = new ArrayList<>();
        for (Path p : driveDirs) {
            drives.add(new FileShardStore(p));
        }
        service = new ErasureObjectService(drives, layout, ErasureObjectService.Options.defaults()
                .withDriveTimeout(Duration.ofSeconds(2)).withMinPartSize(1024).withInlineLimit(inlineLimit));
    }

    void reopen() {
        service.close();
        open();
    }

    ObjectInfo put(String bucket, String key, byte[] data) {
        return service.putObject(bucket, key, new ByteArrayInputStream(data), data.length, PutOptions.of(Map.of()));
    }

    byte[] get(String bucket, String key, ByteRange range) {
        try (ObjectContent c = service.getObject(bucket, key, null, range)) {
            ByteBuffer all = ByteBuffer.allocate((int) c.length());
            for (ByteBuffer b = c.next(); b != null; b = c.next()) {
                all.put(b);
            }
            if (all.hasRemaining()) {
                throw new AssertionError("content ended " + all.remaining() + " bytes early");
            }
            return all.array();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shard data files (not checksum files) on one drive. */
    List<Path> shardFiles(int drive) {
        try (Stream<Path> s = Files.walk(driveDirs.get(drive))) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith("part.")
                            && !p.getFileName().toString().endsWith(".crc"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteDrive(int drive) {
        deleteTree(driveDirs.get(drive));
    }

    /** Removes everything inside the drive but the drive directory itself (a replaced, empty disk). */
    void wipeDrive(int drive) {
        try (Stream<Path> s = Files.list(driveDirs.get(drive))) {
            s.forEach(ObjectLayerFixture::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips one byte in the middle of every shard file of the drive. */
    void flipBytes(int drive) {
        for (Path f : shardFiles(drive)) {
            try {
                byte[] b = Files.readAllBytes(f);
                if (b.length > 0) {
                    b[b.length / 2] ^= 0x5a;
                    Files.write(f, b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
