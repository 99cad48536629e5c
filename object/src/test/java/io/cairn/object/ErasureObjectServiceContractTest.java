package io.cairn.object;

import io.cairn.erasure.StripeLayout;
import io.cairn.storage.ShardStore;
import io.cairn.storage.testing.InMemoryShardStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract over 2+2 in-memory drives with 16 KiB stripes: objects of a few bytes stay inline in their
 * manifests, larger ones span several stripes, so both ways of storing data meet every rule.
 */
class ErasureObjectServiceContractTest extends ObjectServiceContractTest {

    @Override
    protected ObjectService newService() {
        List<ShardStore> drives = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            drives.add(new InMemoryShardStore("memory-" + i));
        }
        return new ErasureObjectService(drives, new StripeLayout(2, 2, 16 * 1024),
                ErasureObjectService.Options.defaults().withMinPartSize(MIN_PART_SIZE).withInlineLimit(64));
    }

    @Override
    protected void close(ObjectService s) {
        ((ErasureObjectService) s).close();
    }
}
