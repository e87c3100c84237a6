package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.graphql.Selections.Selected;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shopify's rules for a bulk query: valid against the schema, a query (not a mutation), at least one and at most
 * five connections, connections nested at most two levels, no top-level node/nodes. The simulator also needs a
 * single top-level connection and an {@code id} on every object that has a nested connection (for __parentId).
 */
public final class BulkQueryCheck {
    public static final int MAX_CONNECTIONS = 5;
    public static final int MAX_DEPTH = 2;

    private final GraphQLSchema schema;

    public BulkQueryCheck(GraphQLSchema schema) {
        this.schema = schema;
    }

    /** The problems (empty when the query may run). */
    public List<String> problems(String query) {
        Document doc;
        try {
            doc = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return List.of("Invalid bulk query: " + e.getMessage());
        }
        List<ValidationError> invalid = new Validator().validateDocument(schema, doc, Locale.ENGLISH);
        if (!invalid.isEmpty()) {
            return List.of("Invalid bulk query: " + ErrorShapes.validation(invalid.get(0)).get("message"));
        }
        List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
        if (ops.size() != 1 || ops.get(0).getOperation() != OperationDefinition.Operation.QUERY) {
            return List.of("Bulk queries must contain exactly one query operation.");
        }
        Selections selections = new Selections(schema, doc);
        List<Selected> top = selections.fields(ops.get(0).getSelectionSet(), schema.getQueryType());
        List<String> problems = new ArrayList<>();
        for (Selected s : top) {
            if (s.field().getName().equals("node") || s.field().getName().equals("nodes")) {
                problems.add("Bulk queries cannot contain a top level `" + s.field().getName() + "` field.");
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        int[] count = {0};
        walk(selections, ops.get(0).getSelectionSet(), schema.getQueryType(), 0, count, problems);
        if (count[0] == 0) {
            problems.add("Bulk queries must contain at least one connection.");
        } else if (count[0] > MAX_CONNECTIONS) {
            problems.add("Bulk queries cannot contain more than " + MAX_CONNECTIONS + " connections.");
        }
        if (problems.isEmpty() && (top.size() != 1 || !top.get(0).isConnection())) {
            problems.add("Bulk queries must select exactly one top-level connection field.");
        }
        return problems;
    }

    private void walk(Selections selections, SelectionSet set, GraphQLFieldsContainer type, int depth, int[] count,
                      List<String> problems) {
        for (Selected s : selections.fields(set, type)) {
            if (!(s.unwrapped() instanceof GraphQLFieldsContainer child)) {
                continue;
            }
            if (s.isConnection()) {
                count[0]++;
                if (depth + 1 > MAX_DEPTH) {
                    problems.add("Bulk queries cannot contain connections with a nesting depth greater than " + MAX_DEPTH
                            + " (field '" + s.key() + "').");
                    continue;
                }
                if (depth > 0 && selections.fields(set, type).stream().noneMatch(f -> f.field().getName().equals("id"))) {
                    problems.add("The parent of the nested connection '" + s.key() + "' must select the `id` field.");
                }
                for (NodeSelection n : nodeSelections(selections, s)) {
                    walk(selections, n.set(), n.type(), depth + 1, count, problems);
                }
            } else if (!s.isList()) {
                walk(selections, s.field().getSelectionSet(), child, depth, count, problems);
            }
        }
    }

    /** The node selection(s) of a connection field: {@code nodes { .. }} and/or {@code edges { node { .. } }}. */
    public record NodeSelection(String via, SelectionSet set, GraphQLObjectType type) {
    }

    public static List<NodeSelection> nodeSelections(Selections selections, Selected connection) {
        List<NodeSelection> out = new ArrayList<>();
        GraphQLObjectType conn = (GraphQLObjectType) connection.unwrapped();
        for (Selected s : selections.fields(connection.field().getSelectionSet(), conn)) {
            if (s.field().getName().equals("nodes") && s.unwrapped() instanceof GraphQLObjectType node) {
                out.add(new NodeSelection(s.key(), s.field().getSelectionSet(), node));
            } else if (s.field().getName().equals("edges") && s.unwrapped() instanceof GraphQLObjectType edge) {
                for (Selected e : selections.fields(s.field().getSelectionSet(), edge)) {
                    if (e.field().getName().equals("node") && e.unwrapped() instanceof GraphQLObjectType node) {
                        out.add(new NodeSelection(s.key() + "." + e.key(), e.field().getSelectionSet(), node));
                    }
                }
            }
        }
        return out;
    }
}
