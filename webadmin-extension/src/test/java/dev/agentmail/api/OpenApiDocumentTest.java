package dev.agentmail.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;
import dev.agentmail.api.resource.OpenApiResource;
import org.junit.jupiter.api.Test;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document and the served routes must name the same operations. */
class OpenApiDocumentTest {
    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void documentsExactlyTheRoutesTheServerServes() throws Exception {
        assertThat(documentedOperations()).containsExactlyInAnyOrderElementsOf(servedOperations());
    }

    @Test
    void everyOperationDocumentsItsErrors() throws Exception {
        JsonNode paths = document().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String verb : VERBS) {
                JsonNode operation = path.getValue().get(verb);
                if (operation != null) {
                    Set<String> codes = new HashSet<>();
                    operation.get("responses").fieldNames().forEachRemaining(codes::add);
                    assertThat(codes).as(verb + " " + path.getKey()).anyMatch(code -> code.startsWith("4") || code.startsWith("5"));
                }
            }
        }
    }

    @Test
    void isAnOpenApi3DocumentWithEveryReferenceResolved() throws Exception {
        JsonNode document = document();
        assertThat(document.get("openapi").asText()).startsWith("3.");
        String text = document.toString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"\\$ref\":\"#/components/(\\w+)/(\\w+)\"").matcher(text);
        while (refs.find()) {
            assertThat(document.get("components").get(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> documentedOperations() throws Exception {
        Set<String> operations = new HashSet<>();
        document().get("paths").fields().forEachRemaining(path -> VERBS.stream()
            .filter(path.getValue()::has)
            .forEach(verb -> operations.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    /** The resources RestApiModule binds, read from the module itself so that a new one cannot be missed. */
    private static Set<String> servedOperations() {
        Set<String> operations = new HashSet<>();
        for (Element element : Elements.getElements(new RestApiModule())) {
            if (element instanceof LinkedKeyBinding<?> binding && isApiResource(binding)) {
                Class<?> resource = binding.getLinkedKey().getTypeLiteral().getRawType();
                String base = resource.getAnnotation(Path.class).value();
                for (Method method : resource.getMethods()) {
                    httpMethod(method).ifPresent(verb -> operations.add(verb + " " + join(base, method.getAnnotation(Path.class))));
                }
            }
        }
        assertThat(operations).isNotEmpty();
        return operations;
    }

    private static boolean isApiResource(Binding<?> binding) {
        Key<?> key = binding.getKey();
        return key.getTypeLiteral().getRawType() == Object.class && key.getAnnotationType() != null
            && key.getAnnotationType().getSimpleName().equals("Element");
    }

    private static java.util.Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return java.util.Optional.of(verb.value());
            }
        }
        return java.util.Optional.empty();
    }

    private static String join(String base, Path sub) {
        return sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
    }
}
