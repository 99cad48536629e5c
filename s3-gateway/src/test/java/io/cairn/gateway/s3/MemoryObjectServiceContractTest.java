package io.cairn.gateway.s3;

import io.cairn.object.ObjectService;
import io.cairn.object.ObjectServiceContractTest;

/** The fake behind the gateway tests keeps the contract the erasure-coded layer keeps. */
class MemoryObjectServiceContractTest extends ObjectServiceContractTest {

    @Override
    protected ObjectService newService() {
        return new MemoryObjectService(MIN_PART_SIZE);
    }
}
