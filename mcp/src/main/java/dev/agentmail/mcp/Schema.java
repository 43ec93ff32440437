package dev.agentmail.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON Schemas of tool inputs and outputs, built as the JSON they are (draft 2020-12, the specification's default). */
public final class Schema {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode node;

    private Schema(ObjectNode node) {
        this.node = node;
    }

    public ObjectNode json() {
        return node.deepCopy();
    }

    /** An object that allows no other properties than those declared. */
    public static Schema object() {
        ObjectNode node = JSON.objectNode().put("type", "object");
        node.putObject("properties");
        node.put("additionalProperties", false);
        return new Schema(node);
    }

    public static Schema string(String description) {
        return new Schema(JSON.objectNode().put("type", "string").put("description", description));
    }

    public static Schema integer(String description, long minimum, long maximum) {
        return new Schema(JSON.objectNode().put("type", "integer").put("description", description)
            .put("minimum", minimum).put("maximum", maximum));
    }

    public static Schema bool(String description) {
        return new Schema(JSON.objectNode().put("type", "boolean").put("description", description));
    }

    public static Schema arrayOf(Schema items, String description) {
        ObjectNode node = JSON.objectNode().put("type", "array").put("description", description);
        node.set("items", items.json());
        return new Schema(node);
    }

    public static Schema strings(String description) {
        return arrayOf(new Schema(JSON.objectNode().put("type", "string")), description);
    }

    public static Schema oneOf(String description, String... values) {
        ObjectNode node = JSON.objectNode().put("type", "string").put("description", description);
        ArrayNode allowed = node.putArray("enum");
        for (String value : values) {
            allowed.add(value);
        }
        return new Schema(node);
    }

    public Schema minLength(int length) {
        node.put("minLength", length);
        return this;
    }

    public Schema maxLength(int length) {
        node.put("maxLength", length);
        return this;
    }

    public Schema format(String format) {
        node.put("format", format);
        return this;
    }

    public Schema minItems(int count) {
        node.put("minItems", count);
        return this;
    }

    public Schema required(String name, Schema property) {
        optional(name, property);
        ArrayNode required = node.has("required") ? (ArrayNode) node.get("required") : node.putArray("required");
        required.add(name);
        return this;
    }

    public Schema optional(String name, Schema property) {
        ((ObjectNode) node.get("properties")).set(name, property.json());
        return this;
    }
}
