package io.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyListerTest {

    @TempDir
    Path root;
    Path volume;

    @BeforeEach
    void fill() {
        FileShardStore store = new FileShardStore(root);
        store.createVolume("b");
        for (String top : new String[] {"logs", "photos", "videos"}) {
            for (int i = 0; i < 40; i++) {
                store.writeManifest("b", top + "/" + (i % 4) + "/item-" + i, new byte[] {1});
            }
        }
        volume = root.resolve("b");
    }

    @Test
    void prefixNamingASubdirectoryOpensOnlyThatSubtree() throws IOException {
        KeyLister lister = new KeyLister(volume, "photos/2/", "");
        ListPage page = lister.list(100);
        assertThat(page.keys()).hasSize(10).allMatch(k -> k.startsWith("photos/2/item-"));
        // the volume, photos/, photos/2/ and one directory per key found
        assertThat(lister.directoriesOpened()).isEqualTo(3 + 10);
    }

    @Test
    void aSmallPageOpensOnlyWhatItNeeds() throws IOException {
        KeyLister lister = new KeyLister(volume, "", "");
        assertThat(lister.list(2).keys()).containsExactly("logs/0/item-0", "logs/0/item-12");
        // the volume, logs/, logs/0/, and the directories of the keys up to the one past the page
        assertThat(lister.directoriesOpened()).isLessThanOrEqualTo(6);
    }

    @Test
    void startAfterSkipsEarlierSubtrees() throws IOException {
        KeyLister lister = new KeyLister(volume, "", "videos/3/item-35");
        assertThat(lister.list(100).keys()).containsExactly("videos/3/item-39", "videos/3/item-7");
        // the volume, videos/, videos/3/, item-3 and item-35 (prefixes of startAfter), item-39, item-7
        assertThat(lister.directoriesOpened()).isEqualTo(3 + 4);
    }
}
