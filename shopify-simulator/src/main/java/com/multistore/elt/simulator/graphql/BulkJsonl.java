package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.graphql.BulkQueryCheck.NodeSelection;
import com.multistore.elt.simulator.graphql.Selections.Selected;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one executed chunk of a bulk query into JSONL objects: each node of a connection becomes its own object,
 * without its nested connections, with {@code __parentId} = the GID of the object that holds the connection.
 */
public final class BulkJsonl {
    private final Selections selections;

    public BulkJsonl(Selections selections) {
        this.selections = selections;
    }

    /** One output object and how deep it sits (0 = root). */
    public record Line(int depth, Map<String, Object> object) {
    }

    /** Emits the lines of one chunk's root connection value in grouped order (each child right after its parent). */
    public void rootConnection(Selected root, Object value, Consumer<Line> out) {
        nodes(root, value, null, 0, out);
    }

    private void nodes(Selected connection, Object value, String parentId, int depth, Consumer<Line> out) {
        if (!(value instanceof Map<?, ?> conn)) {
            return;
        }
        for (NodeSelection n : BulkQueryCheck.nodeSelections(selections, connection)) {
            List<?> items = items(conn, n.via());
            for (Object item : items) {
                if (item instanceof Map<?, ?> node) {
                    object(node, n.set(), n.type(), parentId, depth, out);
                }
            }
            if (!items.isEmpty()) {
                return;
            }
        }
    }

    private static List<?> items(Map<?, ?> conn, String via) {
        int dot = via.indexOf('.');
        if (dot < 0) {
            return conn.get(via) instanceof List<?> l ? l : List.of();
        }
        if (!(conn.get(via.substring(0, dot)) instanceof List<?> edges)) {
            return List.of();
        }
        String nodeKey = via.substring(dot + 1);
        List<Object> out = new ArrayList<>(edges.size());
        for (Object e : edges) {
            if (e instanceof Map<?, ?> edge && edge.get(nodeKey) != null) {
                out.add(edge.get(nodeKey));
            }
        }
        return out;
    }

    private void object(Map<?, ?> node, SelectionSet set, GraphQLObjectType type, String parentId, int depth,
                        Consumer<Line> out) {
        List<Runnable> children = new ArrayList<>();
        Map<String, Object> line = strip(node, set, type, depth, children, out);
        if (parentId != null) {
            line.put("__parentId", parentId);
        }
        out.accept(new Line(depth, line));
        children.forEach(Runnable::run);
    }

    /** The object without its connections; connections found (also inside nested objects) are queued as children. */
    private Map<String, Object> strip(Map<?, ?> node, SelectionSet set, GraphQLFieldsContainer type, int depth,
                                      List<Runnable> children, Consumer<Line> out) {
        Map<String, Object> line = new LinkedHashMap<>();
        Object ownId = node.get("id");
        for (Selected s : selections.fields(set, type)) {
            Object value = node.get(s.key());
            if (!node.containsKey(s.key())) {
                continue;
            }
            if (s.isConnection()) {
                String owner = ownId == null ? null : ownId.toString();
                children.add(() -> nodes(s, value, owner, depth + 1, out));
            } else if (value instanceof Map<?, ?> inner && s.unwrapped() instanceof GraphQLFieldsContainer innerType
                    && !s.isList()) {
                line.put(s.key(), strip(inner, s.field().getSelectionSet(), innerType, depth, children, out));
            } else {
                line.put(s.key(), value);
            }
        }
        return line;
    }
}
