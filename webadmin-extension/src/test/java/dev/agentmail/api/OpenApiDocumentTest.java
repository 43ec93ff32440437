package dev.agentmail.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.LinkedKeyBinding;
import dev.agentmail.api.auth.PermissionFeature;
import dev.agentmail.api.resource.OpenApiResource;
import dev.agentmail.domain.model.MessageSearch;
import dev.agentmail.domain.model.Permission;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document and the served routes must name the same operations: a resource method added without
 * being documented, or a documented route that nothing serves, fails here.
 */
class OpenApiDocumentTest {
    private static final String RESOURCE_PACKAGE = "dev.agentmail.api.resource";
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*(?::[^}]*)?}");

    private static JsonNode document;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertThat(in).as(OpenApiResource.DOCUMENT + " on the classpath").isNotNull();
            document = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void isAnOpenApi3Document() {
        assertThat(document.path("openapi").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(document.path("info").path("title").asText()).isEqualTo("agentmail API");
        assertThat(document.path("info").path("version").asText()).isEqualTo("0.1.0");
        assertThat(document.path("info").path("description").asText())
            .contains("Authorization: Bearer inai_", "X-API-Key", "page_size", "404", "/agentmail/organizations");
        assertThat(document.path("paths").isObject()).isTrue();
    }

    @Test
    void documentsExactlyTheRoutesTheServerServes() {
        Set<String> served = servedOperations(boundResources());

        assertThat(new TreeSet<>(documentedOperations())).as("documented operations")
            .containsExactlyInAnyOrderElementsOf(new TreeSet<>(served));
    }

    @Test
    void everyResourceClassOfThePackageIsBoundAndSoServed() throws Exception {
        Set<Class<?>> annotated = new HashSet<>();
        for (Class<?> type : classesOf(RESOURCE_PACKAGE)) {
            if (type.isAnnotationPresent(Path.class)) {
                annotated.add(type);
            }
        }

        assertThat(annotated).as("@Path classes of " + RESOURCE_PACKAGE).isNotEmpty();
        assertThat(boundResources()).containsExactlyInAnyOrderElementsOf(annotated);
    }

    /**
     * {@code x-permission} is what the route's {@code @RequiresPermission} says, null for the public routes; every
     * other operation documents the 403 a key without it gets. The scoped-key matrix test reads it from here.
     */
    @Test
    void everyOperationNamesThePermissionItsRouteChecks() {
        Map<String, Optional<List<Permission>>> served = servedPermissions(boundResources());
        forEachOperation((name, operation) -> {
            assertThat(operation.has("x-permission")).as(name + " has x-permission").isTrue();
            JsonNode documented = operation.get("x-permission");
            Optional<List<Permission>> checked = served.get(name);
            assertThat(checked).as(name + " has @RequiresPermission").isNotNull().isPresent();
            if (documented.isNull()) {
                assertThat(checked.get()).as(name + " checks no permission").isEmpty();
                assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                    .as(name + " is public").isTrue();
            } else {
                assertThat(checked.get()).as(name).extracting(Permission::wireName)
                    .containsExactly(documented.asText());
                assertThat(operation.path("responses").has("403")).as(name + " documents 403").isTrue();
            }
        });
    }

    @Test
    void operatorRoutesAreNotUnderPaths() {
        document.path("paths").fieldNames().forEachRemaining(path -> assertThat(path).doesNotStartWith("/agentmail"));
        assertThat(document.path("x-operator-routes").path("paths").has("/agentmail/organizations")).isTrue();
    }

    private static final java.util.Set<String> HELD_SENDS = java.util.Set.of(
        "POST /api/v0/inboxes/{inboxId}/messages/send", "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/reply",
        "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/reply-all",
        "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/forward", "POST /api/v1/inboxes/{id}/messages");

    @Test
    void everyOperationDeclaresAClientError() {
        forEachOperation((name, operation) -> {
            List<String> codes = fieldNames(operation.path("responses"));
            assertThat(codes).as(name).anyMatch(code -> code.startsWith("4"));
            List<String> successes = codes.stream().filter(code -> code.startsWith("2")).toList();
            // A send from an inbox in approval mode is held: 202 beside its usual success.
            if (successes.size() == 2 && successes.contains("202") && HELD_SENDS.contains(name)) {
                return;
            }
            // An inbox creation answers 200 with the inbox that has its client_id already.
            assertThat(successes).as(name + " has exactly one success status").hasSize(INBOX_CREATIONS.contains(name) ? 2 : 1);
        });
    }

    @Test
    void everyOperationOfAPrivateRouteDocuments401AndEveryPublicOneOptsOut() {
        assertThat(document.path("security").toString()).contains("bearerAuth", "apiKeyHeader");
        Set<String> publicOperations = new TreeSet<>();
        forEachOperation((name, operation) -> {
            JsonNode security = operation.get("security");
            if (security != null && security.isArray() && security.isEmpty()) {
                publicOperations.add(name);
            } else {
                assertThat(security).as(name + " inherits the global security").isNull();
                assertThat(operation.path("responses").has("401")).as(name + " documents 401").isTrue();
            }
        });
        assertThat(publicOperations).containsExactlyInAnyOrder("GET /health", "GET /api/v0/openapi.json",
            "GET /api/v0/attachments/{token}", "GET /api/v0/attachments/{token}/text");
    }

    @Test
    void everyPathTemplateIsADeclaredPathParameter() {
        forEachOperation((name, operation) -> {
            String path = name.substring(name.indexOf(' ') + 1);
            Set<String> templates = new TreeSet<>();
            Matcher matcher = TEMPLATE.matcher(path);
            while (matcher.find()) {
                templates.add(matcher.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode resolved = resolve(parameter);
                if (resolved.path("in").asText().equals("path")) {
                    assertThat(resolved.path("required").asBoolean()).as(name + " " + resolved.path("name")).isTrue();
                    declared.add(resolved.path("name").asText());
                }
            }
            assertThat(declared).as(name).isEqualTo(templates);
        });
    }

    @Test
    void theMessageListDocumentsItsSearchParameterAndItsLimit() {
        List<JsonNode> search = new ArrayList<>();
        for (JsonNode parameter : document.path("paths").path("/api/v0/inboxes/{inboxId}/messages").path("get")
            .path("parameters")) {
            JsonNode resolved = resolve(parameter);
            if (resolved.path("name").asText().equals("q")) {
                search.add(resolved);
            }
        }
        assertThat(search).hasSize(1);
        assertThat(search.get(0).path("in").asText()).isEqualTo("query");
        assertThat(search.get(0).path("schema").path("maxLength").asInt()).isEqualTo(MessageSearch.MAX_LENGTH);
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    @Test
    void operationIdsAreUnique() {
        Map<String, String> ids = new HashMap<>();
        forEachOperation((name, operation) -> {
            String id = operation.path("operationId").asText();
            assertThat(id).as(name).isNotEmpty();
            assertThat(ids.put(id, name)).as("operationId " + id).isNull();
        });
    }

    @Test
    void theReusableComponentsTheContractPromisesExist() {
        assertThat(fieldNames(document.path("components").path("schemas"))).contains("Organization", "ApiKey",
            "CreatedApiKey", "Inbox", "CreateInboxRequest", "UpdateInboxRequest", "CreateApiKeyRequest", "Error",
            "ApiKeyPage", "InboxPage", "Domain", "DomainPage", "CreateDomainRequest");
        assertThat(fieldNames(document.path("components").path("parameters")))
            .contains("page", "page_size", "inboxId", "keyId", "domainId");
        assertThat(document.path("components").path("securitySchemes").path("bearerAuth").path("scheme").asText())
            .isEqualTo("bearer");
        JsonNode apiKey = document.path("components").path("securitySchemes").path("apiKeyHeader");
        assertThat(apiKey.path("in").asText()).isEqualTo("header");
        assertThat(apiKey.path("name").asText()).isEqualTo("X-API-Key");
        JsonNode pageSize = document.path("components").path("parameters").path("page_size").path("schema");
        assertThat(pageSize.path("default").asInt()).isEqualTo(20);
        assertThat(pageSize.path("maximum").asInt()).isEqualTo(100);
        assertThat(document.path("components").path("parameters").path("page").path("schema").path("default").asInt())
            .isEqualTo(1);
    }

    @Test
    void creationsAnswer201DeletionsAnswer204() {
        assertThat(successOf("POST /api/v0/api-keys")).isEqualTo("201");
        assertThat(successOf("POST /api/v0/inboxes")).isEqualTo("201");
        assertThat(successOf("DELETE /api/v0/api-keys/{keyId}")).isEqualTo("204");
        assertThat(successOf("DELETE /api/v0/inboxes/{inboxId}")).isEqualTo("204");
        assertThat(successOf("POST /api/v0/domains")).isEqualTo("201");
        assertThat(successOf("POST /api/v0/domains/{domainId}/verify")).isEqualTo("200");
        assertThat(successOf("PATCH /api/v0/inboxes/{inboxId}")).isEqualTo("200");
        assertThat(successOf("GET /api/v0/inboxes/{inboxId}")).isEqualTo("200");
        forEachOperation((name, operation) -> {
            // The v1 API answers every call with a {"success": ...} body, deletions included.
            if (name.startsWith("DELETE ") && !name.contains("/api/v1/")) {
                assertThat(successOf(name)).as(name).isEqualTo("204");
            }
        });
    }

    @Test
    void everyRequestBodyIsJsonWithAnExample() {
        forEachOperation((name, operation) -> {
            JsonNode body = operation.get("requestBody");
            if (body != null) {
                JsonNode json = body.path("content").path("application/json");
                assertThat(json.isMissingNode()).as(name).isFalse();
                assertThat(json.has("example") || json.has("examples")).as(name + " has a request example").isTrue();
            }
        });
    }

    @Test
    void theRouteScanFollowsSubResourceLocatorsAndDropsTemplateRegexes() {
        assertThat(servedOperations(Set.of(ScanSample.class))).containsExactlyInAnyOrder(
            "GET /samples", "POST /samples", "DELETE /samples/{sampleId}", "GET /samples/{sampleId}/parts/{partId}");
    }

    @Path("/samples/")
    public static class ScanSample {
        @javax.ws.rs.GET
        public String list() {
            return "";
        }

        @javax.ws.rs.POST
        public String create() {
            return "";
        }

        @javax.ws.rs.DELETE
        @Path("{sampleId: [a-z0-9]+}")
        public void delete() {
        }

        @Path("/{sampleId}/parts")
        public ScanSampleParts parts() {
            return new ScanSampleParts();
        }

        public String notARoute() {
            return "";
        }
    }

    public static class ScanSampleParts {
        @javax.ws.rs.GET
        @Path("/{partId}")
        public String get() {
            return "";
        }
    }

    // --- what the code serves ---------------------------------------------------------------------------------

    /** The resource classes RestApiModule binds into the set ApiServer serves. */
    static Set<Class<?>> boundResources() {
        Set<Class<?>> resources = new LinkedHashSet<>();
        for (Element element : Elements.getElements(new RestApiModule())) {
            if (element instanceof LinkedKeyBinding<?> binding && isApiResource(binding)) {
                resources.add(binding.getLinkedKey().getTypeLiteral().getRawType());
            }
        }
        assertThat(resources).as("resources bound by RestApiModule").isNotEmpty();
        return resources;
    }

    /** "VERB /path" for every resource method, following sub-resource locators, with JAX-RS regexes dropped. */
    static Set<String> servedOperations(Set<Class<?>> resources) {
        return new TreeSet<>(servedMethods(resources).keySet());
    }

    /** The permission each served operation's resource method needs, by {@link PermissionFeature}'s reading. */
    static Map<String, Optional<List<Permission>>> servedPermissions(Set<Class<?>> resources) {
        Map<String, Optional<List<Permission>>> permissions = new TreeMap<>();
        servedMethods(resources).forEach((operation, method) -> permissions.put(operation,
            Optional.ofNullable(PermissionFeature.required(method.getValue(), method.getKey()))));
        return permissions;
    }

    /** "VERB /path" to its resource class and method. */
    private static Map<String, Map.Entry<Class<?>, Method>> servedMethods(Set<Class<?>> resources) {
        Map<String, Map.Entry<Class<?>, Method>> operations = new TreeMap<>();
        for (Class<?> resource : resources) {
            Path path = resource.getAnnotation(Path.class);
            assertThat(path).as(resource + " is a root resource").isNotNull();
            collect(resource, join("", path.value()), operations, new HashSet<>());
        }
        return operations;
    }

    private static void collect(Class<?> resource, String base, Map<String, Map.Entry<Class<?>, Method>> operations,
                                Set<Class<?>> visiting) {
        if (!visiting.add(resource)) {
            return;
        }
        for (Method method : resource.getMethods()) {
            Path sub = method.getAnnotation(Path.class);
            String full = sub == null ? base : join(base, sub.value());
            Optional<String> verb = httpMethod(method);
            if (verb.isPresent()) {
                operations.put(verb.get() + " " + normalize(full), Map.entry(resource, method));
            } else if (sub != null) {
                collect(method.getReturnType(), full, operations, visiting);
            }
        }
        visiting.remove(resource);
    }

    private static boolean isApiResource(Binding<?> binding) {
        Key<?> key = binding.getKey();
        return key.getTypeLiteral().getRawType() == Object.class && key.getAnnotationType() != null
            && key.getAnnotationType().getSimpleName().equals("Element");
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value().toUpperCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static String join(String base, String sub) {
        String left = base.replaceAll("/+$", "");
        String right = sub.replaceAll("^/+|/+$", "");
        return right.isEmpty() ? (left.isEmpty() ? "/" : left) : left + "/" + right;
    }

    /** {@code {id: [0-9]+}} is {@code {id}} in OpenAPI. */
    private static String normalize(String path) {
        return TEMPLATE.matcher(path).replaceAll("{$1}");
    }

    /** The classes of a package as the class loader sees them: from a directory or from a jar. */
    static List<Class<?>> classesOf(String packageName) throws IOException, URISyntaxException, ClassNotFoundException {
        String folder = packageName.replace('.', '/');
        List<Class<?>> classes = new ArrayList<>();
        Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(folder);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            List<String> names = new ArrayList<>();
            if (root.getProtocol().equals("file")) {
                String[] files = new File(root.toURI()).list();
                if (files != null) {
                    names.addAll(List.of(files));
                }
            } else if (root.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                for (Enumeration<JarEntry> entries = connection.getJarFile().entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(folder + "/") && entry.indexOf('/', folder.length() + 1) < 0) {
                        names.add(entry.substring(folder.length() + 1));
                    }
                }
            }
            for (String name : names) {
                if (name.endsWith(".class") && !name.contains("$") && !name.equals("package-info.class")) {
                    classes.add(Class.forName(packageName + "." + name.substring(0, name.length() - ".class".length())));
                }
            }
        }
        assertThat(classes).as("classes of " + packageName).isNotEmpty();
        return classes;
    }

    // --- what the document says -------------------------------------------------------------------------------

    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((name, operation) -> operations.add(name));
        return operations;
    }

    private interface OperationVisitor {
        void visit(String name, JsonNode operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields(); items.hasNext(); ) {
                Map.Entry<String, JsonNode> item = items.next();
                if (VERBS.contains(item.getKey())) {
                    visitor.visit(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), item.getValue());
                }
            }
        }
    }

    /** Creating an inbox answers 201, or 200 with the inbox that already has the request's client_id. */
    private static final Set<String> INBOX_CREATIONS = Set.of("POST /api/v0/inboxes", "POST /api/v1/inboxes");

    @Test
    void anInboxCreationAnswers201OrWithTheInboxOfItsClientId200() {
        for (String creation : INBOX_CREATIONS) {
            String path = creation.substring(creation.indexOf(' ') + 1);
            assertThat(fieldNames(document.path("paths").path(path).path("post").path("responses")))
                .as(creation).contains("200", "201");
        }
    }

    @Test
    void everyCreatingOrSendingPostTakesAnIdempotencyKeyAndDocuments422() {
        List<String> idempotent = List.of("/api/v0/inboxes", "/api/v0/api-keys", "/api/v0/webhooks", "/api/v0/domains",
            "/api/v0/inboxes/{inboxId}/messages/send", "/api/v0/inboxes/{inboxId}/messages/{messageId}/reply",
            "/api/v0/inboxes/{inboxId}/messages/{messageId}/reply-all",
            "/api/v0/inboxes/{inboxId}/messages/{messageId}/forward", "/api/v1/inboxes", "/api/v1/inboxes/{id}/messages");
        for (String path : idempotent) {
            JsonNode operation = document.path("paths").path(path).path("post");
            assertThat(operation.path("parameters").toString()).as(path)
                .contains("#/components/parameters/idempotencyKey");
            assertThat(operation.path("responses").has("422")).as(path).isTrue();
            assertThat(operation.path("responses").has("409")).as(path).isTrue();
        }
        assertThat(resolve(document.path("components").path("parameters").path("idempotencyKey")).path("name").asText())
            .isEqualTo("Idempotency-Key");
    }

    private static String successOf(String operation) {
        String verb = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
        String path = operation.substring(operation.indexOf(' ') + 1);
        List<String> success = fieldNames(document.path("paths").path(path).path(verb).path("responses")).stream()
            .filter(code -> code.startsWith("2")).toList();
        if (INBOX_CREATIONS.contains(operation)) {
            return success.contains("201") ? "201" : success.toString();
        }
        assertThat(success).as(operation).hasSize(1);
        return success.get(0);
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, references));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
