package io.github.batchtranscode.testkit.batch.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one list of images and node agent SKUs the emulator accepts for a pool (as the service's
 * {@code GET /supportedimages} lists them), and the retired ones it refuses. Read from
 * {@code supported-images.json} beside this class; immutable and thread-safe.
 */
public final class ImageCatalog {
    private static final ImageCatalog DEFAULT = load();

    private final ArrayNode supported;
    private final List<Retired> retired;

    /** A retired node agent SKU, its retirement date and the images that ran on it. */
    private record Retired(String agent, Instant date, String source, List<String> images) {
    }

    private ImageCatalog(ArrayNode supported, List<Retired> retired) {
        this.supported = supported;
        this.retired = retired;
    }

    public static ImageCatalog defaults() {
        return DEFAULT;
    }

    /** The supported images as {@code ImageInformation} entities, in list order. */
    public List<ObjectNode> images() {
        List<ObjectNode> out = new ArrayList<>();
        supported.forEach(n -> out.add(((ObjectNode) n).deepCopy()));
        return out;
    }

    /**
     * Checks a pool's {@code virtualMachineConfiguration} as the service does at Pool_Add.
     *
     * @throws BatchServiceException 400 MissingRequiredProperty or InvalidPropertyValue naming the property
     */
    public void check(JsonNode poolSpec, Instant now) {
        JsonNode vm = poolSpec.get("virtualMachineConfiguration");
        if (vm == null || !vm.isObject()) {
            throw missing("virtualMachineConfiguration");
        }
        String agent = BatchJson.required(vm, "nodeAgentSKUId");
        JsonNode image = vm.get("imageReference");
        if (image == null || !image.isObject()) {
            throw missing("imageReference");
        }
        Retired gone = retiredAgent(agent);
        if (gone == null) {
            gone = retiredImage(key(image));
        }
        if (gone != null && !now.isBefore(gone.date())) {
            throw BatchServiceException.invalidValue("nodeAgentSKUId", agent, "The node agent SKU '"
                    + gone.agent() + "' and its images were retired on " + gone.date().toString().substring(0, 10)
                    + " (" + gone.source() + "); new pools cannot use them. Use a supported image from "
                    + "GET /supportedimages, e.g. canonical/ubuntu-24_04-lts/server with batch.node.ubuntu 24.04");
        }
        if (image.hasNonNull("virtualMachineImageId")) {
            requireKnownAgent(agent);
            return; // a custom image: only its node agent can be checked
        }
        String wanted = key(image);
        String agentForImage = null;
        for (JsonNode s : supported) {
            if (key(s.get("imageReference")).equals(wanted)) {
                agentForImage = s.get("nodeAgentSKUId").asText();
            }
        }
        if (agentForImage == null) {
            requireKnownAgent(agent);
            throw BatchServiceException.invalidValue("imageReference", display(image), "The image is not in "
                    + "the list of images the Batch service supports (GET /supportedimages).");
        }
        if (!agentForImage.equalsIgnoreCase(agent)) {
            throw BatchServiceException.invalidValue("nodeAgentSKUId", agent, "The image " + display(image)
                    + " runs with node agent SKU '" + agentForImage + "'.");
        }
    }

    private void requireKnownAgent(String agent) {
        for (JsonNode s : supported) {
            if (s.get("nodeAgentSKUId").asText().equalsIgnoreCase(agent)) {
                return;
            }
        }
        throw BatchServiceException.invalidValue("nodeAgentSKUId", agent, "Not a node agent SKU the Batch "
                + "service supports; see GET /supportedimages.");
    }

    private Retired retiredAgent(String agent) {
        return retired.stream().filter(r -> r.agent().equalsIgnoreCase(agent)).findFirst().orElse(null);
    }

    private Retired retiredImage(String imageKey) {
        return retired.stream().filter(r -> r.images().contains(imageKey)).findFirst().orElse(null);
    }

    private static String key(JsonNode image) {
        return (text(image, "publisher") + "/" + text(image, "offer") + "/" + text(image, "sku"))
                .toLowerCase(Locale.ROOT);
    }

    private static String display(JsonNode image) {
        return text(image, "publisher") + "/" + text(image, "offer") + "/" + text(image, "sku");
    }

    private static String text(JsonNode node, String field) {
        String v = BatchJson.text(node, field);
        return v == null ? "" : v;
    }

    private static BatchServiceException missing(String property) {
        return BatchServiceException.badRequest("MissingRequiredProperty",
                "A required property was not specified in the request body.", "PropertyName", property);
    }

    private static ImageCatalog load() {
        try (InputStream in = ImageCatalog.class.getResourceAsStream("supported-images.json")) {
            if (in == null) {
                throw new IllegalStateException("supported-images.json missing from the testkit jar");
            }
            JsonNode root = BatchJson.MAPPER.readTree(in);
            List<Retired> retired = new ArrayList<>();
            for (JsonNode r : root.get("retired")) {
                List<String> images = new ArrayList<>();
                r.get("images").forEach(i -> images.add(key(i)));
                retired.add(new Retired(r.get("nodeAgentSKUId").asText(), Instant.parse(r.get("retired").asText()),
                        r.get("source").asText(), List.copyOf(images)));
            }
            return new ImageCatalog((ArrayNode) root.get("supported"), List.copyOf(retired));
        } catch (IOException e) {
            throw new UncheckedIOException("supported-images.json could not be read", e);
        }
    }
}
