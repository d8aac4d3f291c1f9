package io.github.batchtranscode.testkit.batch;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.github.batchtranscode.internal.azure.BatchClients;

/** A throwaway account key and the SDK objects tests need. */
final class TestAccounts {
    static final String ACCOUNT = "devaccount";
    static final String KEY = BatchEmulator.randomKey();

    private TestAccounts() {
    }

    static BatchClient client(String endpoint) {
        return BatchClients.sharedKey(endpoint, ACCOUNT, KEY);
    }

    static PoolAddParameter pool(String id) {
        return new PoolAddParameter().withId(id).withVmSize("standard_d2s_v3")
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("ubuntu-24_04-lts").withSku("server").withVersion("latest"))
                        .withNodeAgentSKUId("batch.node.ubuntu 24.04"))
                .withTargetDedicatedNodes(2);
    }
}
