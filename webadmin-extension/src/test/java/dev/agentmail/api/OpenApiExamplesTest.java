package dev.agentmail.api;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.agentmail.api.resource.OpenApiResource;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JSON example of the document satisfies the schema beside it: examples drift like the rest. */
class OpenApiExamplesTest {
    private static final String JSON = "application/json";
    private static final String RESPONSE_REF = "#/components/responses/";

    @Test
    void everyJsonExampleMatchesItsSchema() throws IOException {
        OpenAPI api;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            api = new OpenAPIParser().readContents(new String(in.readAllBytes(), StandardCharsets.UTF_8), null, null)
                .getOpenAPI();
        }
        SchemaValidator schemas = new SchemaValidator(api, new MessageResolver());
        List<String> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (operation.getRequestBody() != null) {
                check(schemas, name + " request", operation.getRequestBody().getContent(), checked, failures);
            }
            operation.getResponses().forEach((status, response) ->
                check(schemas, name + " " + status, resolve(api, response).getContent(), checked, failures));
        }));

        assertThat(checked).as("examples checked").hasSizeGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    private static ApiResponse resolve(OpenAPI api, ApiResponse response) {
        return response.get$ref() == null ? response
            : api.getComponents().getResponses().get(response.get$ref().substring(RESPONSE_REF.length()));
    }

    private static void check(SchemaValidator schemas, String where, Content content, List<String> checked,
                              List<String> failures) {
        if (content == null || content.get(JSON) == null || content.get(JSON).getExample() == null) {
            return;
        }
        try {
            String example = Json.mapper().writeValueAsString(content.get(JSON).getExample());
            ValidationReport report = schemas.validate(example, content.get(JSON).getSchema(), "example");
            checked.add(where);
            report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> failures.add(where + ": " + message.getMessage()));
        } catch (IOException e) {
            failures.add(where + ": " + e.getMessage());
        }
    }
}
