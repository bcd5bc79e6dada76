package io.imagefusion.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefusion.testsupport.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The request schema that the OpenAPI document embeds is the event contract's, so the two cannot drift. */
class OpenApiDocumentTest {

    @Test
    void fusionRequestIsTheSchemaFileWithAbsoluteReferences() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory())
                .readTree(RepositoryRoot.resolve("worker/src/main/resources/META-INF/openapi.yaml").toFile());
        String file = Files.readString(RepositoryRoot.resolve("schemas/fusion-request.v1.schema.json"))
                .replace("\"#/$defs/", "\"#/components/schemas/FusionRequest/$defs/");
        ObjectNode expected = (ObjectNode) new ObjectMapper().readTree(file);
        expected.remove("$schema");
        expected.remove("$id");
        assertThat(document.at("/components/schemas/FusionRequest")).isEqualTo(expected);
        assertThat(document.at("/components/schemas/SubmittableRequest/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/FusionRequest");
    }
}
