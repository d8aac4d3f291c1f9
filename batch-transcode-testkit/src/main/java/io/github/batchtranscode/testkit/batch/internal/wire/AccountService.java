package io.github.batchtranscode.testkit.batch.internal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.batchtranscode.testkit.batch.internal.service.BatchJson;
import io.github.batchtranscode.testkit.batch.internal.service.EmulatorState;
import io.github.batchtranscode.testkit.batch.internal.service.ImageCatalog;
import io.github.batchtranscode.testkit.internal.http.HttpResponse;
import java.util.List;
import java.util.Set;

/** Account_* operations: {@code GET /supportedimages} (Account_ListSupportedImages) from the {@link ImageCatalog}. */
public final class AccountService {
    private static final Set<String> FILTERABLE = Set.of("nodeAgentSKUId", "osType", "verificationType");

    private final EmulatorState state;
    private final ImageCatalog catalog;

    public AccountService(EmulatorState state, ImageCatalog catalog) {
        this.state = state;
        this.catalog = catalog;
    }

    HttpResponse supportedImages(BatchRequest req) {
        List<ObjectNode> images = catalog.images();
        var filter = Listing.<ObjectNode>filter(req, FILTERABLE, (image, prop) -> {
            String field = FILTERABLE.stream().filter(f -> f.equalsIgnoreCase(prop)).findFirst().orElse(prop);
            return BatchJson.text(image, field);
        });
        var page = Listing.page(images, req, filter);
        return Replies.json(200, Listing.body(req, page, i -> i, state.baseUrl(), "supportedimages"));
    }
}
