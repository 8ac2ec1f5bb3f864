package org.ztp4j.core.store;

import org.ztp4j.testing.ProvisioningStoreContract;

/** The store contract, in memory: a "restart" keeps the same store, which is all it promises while it lives. */
class InMemoryProvisioningStoreTest extends ProvisioningStoreContract {

    private InMemoryProvisioningStore kept;

    @Override
    protected ProvisioningStore newStore() {
        kept = new InMemoryProvisioningStore();
        return kept;
    }

    @Override
    protected ProvisioningStore reopen() {
        return kept;
    }
}
