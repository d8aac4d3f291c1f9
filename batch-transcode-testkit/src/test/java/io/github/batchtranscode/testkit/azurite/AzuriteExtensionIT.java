package io.github.batchtranscode.testkit.azurite;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** One Azurite per top-level class, injected wherever a test asks for it. */
@ExtendWith(AzuriteExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AzuriteExtensionIT {
    private static Azurite fromBeforeAll;

    @BeforeAll
    static void remember(Azurite azurite) {
        fromBeforeAll = azurite;
    }

    @Test
    @Order(1)
    void injectsARunningAzurite(Azurite azurite) {
        assertThat(azurite).isSameAs(fromBeforeAll);
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        blobs.createBlobContainer("shared");
    }

    @Test
    @Order(2)
    void sharesItAcrossTheClass(Azurite azurite) {
        assertThat(azurite).isSameAs(fromBeforeAll);
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient();
        assertThat(blobs.getBlobContainerClient("shared").exists()).isTrue();
    }

    @Nested
    class NestedTests {
        @Test
        void seeTheSameInstance(Azurite azurite) {
            assertThat(azurite).isSameAs(fromBeforeAll);
        }
    }
}
