package io.cairn.storage.node;

import io.cairn.storage.ShardId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reaches into a drive's files the way an operator (or a failing disk) would. */
final class NodeTestDrives {

    static final byte[] SECRET = "cluster-secret-for-tests-0123456789".getBytes();

    private NodeTestDrives() {
    }

    static Path partFile(Path root, ShardId shard) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(shard.part())
                    && p.getParent().getFileName().toString().equals(".data." + shard.dataDir())).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one part file of " + shard + ", found " + found);
            }
            return found.get(0);
        }
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0xFF);
        }
    }

    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static List<String> contents(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
