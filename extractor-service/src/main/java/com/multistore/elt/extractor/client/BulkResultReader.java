package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams a bulk operation's JSONL file (groupObjects: true) and hands over one complete root node at a time, its
 * connection children re-nested as {@code {"nodes": [...]}} in the field the paged query returns them in, without
 * {@code __parentId}: the same payload as the paged path. Only the current root and its children are held, so memory
 * stays flat whatever the file size. A child whose parent is not the current root fails loudly: a silent mis-join
 * would attach line items to the wrong order.
 */
public final class BulkResultReader {

    private static final String PARENT = "__parentId";

    private final ObjectMapper json;
    private final String rootType;
    private final Map<String, String> childFields;

    public BulkResultReader(ObjectMapper json, String rootType, Map<String, String> childFields) {
        this.json = json;
        this.rootType = rootType;
        this.childFields = childFields;
    }

    public static BulkResultReader of(ObjectMapper json, EntityQueries queries) {
        return new BulkResultReader(json, queries.rootType(), queries.childFields());
    }

    /** Reads the whole stream; returns the number of root nodes handed to {@code onNode}. */
    public long read(InputStream in, Consumer<ObjectNode> onNode) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        ObjectNode current = null;
        String currentId = null;
        long roots = 0;
        long lineNumber = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            ObjectNode node = parse(line, lineNumber);
            String id = node.path("id").asText(null);
            JsonNode parent = node.remove(PARENT);
            if (parent == null) {
                requireType(id, rootType, lineNumber);
                if (current != null) {
                    onNode.accept(current);
                    roots++;
                }
                current = node;
                currentId = id;
                childFields.values().forEach(field -> node.set(field, connection()));
            } else {
                String parentId = parent.asText();
                if (current == null || !parentId.equals(currentId)) {
                    throw new BulkResultException("line " + lineNumber + ": child " + id + " belongs to " + parentId
                            + " but follows " + (currentId == null ? "no parent" : currentId)
                            + " (the file is not grouped by parent)");
                }
                String field = childFields.get(gidType(id));
                if (field == null) {
                    throw new BulkResultException("line " + lineNumber + ": child " + id + " of " + parentId
                            + " has a type that " + rootType + " payloads do not nest (" + childFields.keySet() + ")");
                }
                ((ArrayNode) current.get(field).get("nodes")).add(node);
            }
        }
        if (current != null) {
            onNode.accept(current);
            roots++;
        }
        return roots;
    }

    private ObjectNode connection() {
        ObjectNode connection = json.createObjectNode();
        connection.putArray("nodes");
        return connection;
    }

    private ObjectNode parse(String line, long lineNumber) {
        try {
            JsonNode node = json.readTree(line);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new BulkResultException("line " + lineNumber + ": not a JSON object");
        } catch (JsonProcessingException e) {
            throw new BulkResultException("line " + lineNumber + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static void requireType(String id, String expected, long lineNumber) {
        if (!expected.equals(gidType(id))) {
            throw new BulkResultException("line " + lineNumber + ": root " + id + " is not a " + expected);
        }
    }

    /** {@code gid://shopify/InventoryLevel/1?inventory_item_id=2} → {@code InventoryLevel}. */
    static String gidType(String gid) {
        if (gid == null || !gid.startsWith("gid://shopify/")) {
            return null;
        }
        int start = "gid://shopify/".length();
        int end = gid.indexOf('/', start);
        return end < 0 ? null : gid.substring(start, end);
    }
}
