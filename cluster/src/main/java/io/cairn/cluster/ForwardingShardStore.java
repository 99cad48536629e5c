package io.cairn.cluster;

import io.cairn.storage.DriveInfo;
import io.cairn.storage.ListPage;
import io.cairn.storage.ShardId;
import io.cairn.storage.ShardReader;
import io.cairn.storage.ShardStore;
import io.cairn.storage.ShardWriter;
import io.cairn.storage.VolumeInfo;
import java.util.List;

/** A drive that passes every call to another; subclasses change the few calls they are about. */
abstract class ForwardingShardStore implements ShardStore {

    protected final ShardStore drive;

    ForwardingShardStore(ShardStore drive) {
        this.drive = drive;
    }

    @Override
    public String id() {
        return drive.id();
    }

    @Override
    public DriveInfo driveInfo() {
        return drive.driveInfo();
    }

    @Override
    public void createVolume(String volume) {
        drive.createVolume(volume);
    }

    @Override
    public void deleteVolume(String volume) {
        drive.deleteVolume(volume);
    }

    @Override
    public void deleteVolumeRecursively(String volume) {
        drive.deleteVolumeRecursively(volume);
    }

    @Override
    public VolumeInfo statVolume(String volume) {
        return drive.statVolume(volume);
    }

    @Override
    public List<VolumeInfo> listVolumes() {
        return drive.listVolumes();
    }

    @Override
    public byte[] readManifest(String volume, String key) {
        return drive.readManifest(volume, key);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest) {
        drive.writeManifest(volume, key, manifest);
    }

    @Override
    public void writeManifest(String volume, String key, byte[] manifest, long fencingToken) {
        drive.writeManifest(volume, key, manifest, fencingToken);
    }

    @Override
    public void deleteManifest(String volume, String key) {
        drive.deleteManifest(volume, key);
    }

    @Override
    public void deleteManifest(String volume, String key, long fencingToken) {
        drive.deleteManifest(volume, key, fencingToken);
    }

    @Override
    public ListPage list(String volume, String prefix, String startAfter, int limit) {
        return drive.list(volume, prefix, startAfter, limit);
    }

    @Override
    public ShardWriter createShard(ShardId shard, int cellSize) {
        return drive.createShard(shard, cellSize);
    }

    @Override
    public ShardReader openShard(ShardId shard) {
        return drive.openShard(shard);
    }

    @Override
    public void deleteDataDir(String volume, String key, String dataDir) {
        drive.deleteDataDir(volume, key, dataDir);
    }

    @Override
    public void moveDataDir(String srcVolume, String srcKey, String dataDir, String dstVolume, String dstKey) {
        drive.moveDataDir(srcVolume, srcKey, dataDir, dstVolume, dstKey);
    }

    @Override
    public void close() {
        drive.close();
    }
}
