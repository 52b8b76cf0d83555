package dev.junction.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The Kubernetes objects that {@code helm template} rendered, parsed from its multi-document YAML. */
record Manifests(List<JsonNode> objects) {
    private static final YAMLMapper YAML = new YAMLMapper();

    Manifests {
        objects = List.copyOf(objects);
    }

    static Manifests parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                // A template that renders nothing leaves an empty document behind.
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template rendered invalid YAML:\n" + yaml, e);
        }
        return new Manifests(objects);
    }

    /** The kinds rendered, sorted. */
    List<String> kinds() {
        return objects.stream().map(object -> object.path("kind").asText()).sorted().toList();
    }

    /** The one object of that kind; fails when there is none or more than one. */
    JsonNode get(String kind) {
        List<JsonNode> matching = objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + kind + ", rendered " + matching.size() + " among " + kinds());
        }
        return matching.get(0);
    }
}
