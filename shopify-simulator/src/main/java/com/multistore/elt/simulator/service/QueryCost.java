package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.graphql.Selections;
import com.multistore.elt.simulator.graphql.Selections.Selected;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Shopify's calculated query cost. Requested (before running): scalars and enums 0, objects 1, connections priced
 * by the {@link CostModel} from {@code first}/{@code last}, mutations a flat base. Actual (after running): the same
 * rules over what the answer really holds, so a short page refunds the difference.
 */
public final class QueryCost {

    /** How a connection is priced; pluggable because live Shopify charges less than its documented formula. */
    public interface CostModel {
        long connection(long requested, long perNode, int depth);
    }

    /** The documented model: 2 + first x (cost of one node), nested connections multiplying. */
    public static CostModel documented() {
        return (requested, perNode, depth) -> 2 + requested * perNode;
    }

    /** Observed-like: nested connections are charged as if they held at most {@code estimate} nodes. */
    public static CostModel observed(int estimate) {
        return (requested, perNode, depth) -> 2 + (depth == 0 ? requested : Math.min(requested, estimate)) * perNode;
    }

    public static CostModel byName(String name, int estimate) {
        return switch (name) {
            case "documented" -> documented();
            case "observed" -> observed(estimate);
            default -> throw new IllegalArgumentException("unknown cost model " + name + " (documented, observed)");
        };
    }

    private final Selections selections;
    private final CostModel model;
    private final Map<String, Object> variables;

    public QueryCost(GraphQLSchema schema, Document document, CostModel model, Map<String, Object> variables) {
        this.selections = new Selections(schema, document);
        this.model = model;
        this.variables = variables == null ? Map.of() : variables;
    }

    /** One entry of {@code extensions.cost.fields} (header {@code X-GraphQL-Cost-Include-Fields: true}). */
    public record FieldCost(List<String> path, long definedCost, long requestedTotalCost, long requestedChildrenCost) {
    }

    private List<FieldCost> fieldCosts;
    private final List<String> path = new java.util.ArrayList<>();

    public long requested(OperationDefinition op, int mutationCost) {
        if (op.getOperation() == OperationDefinition.Operation.MUTATION) {
            return mutationCost;
        }
        return requested(op.getSelectionSet(), selections.schema().getQueryType(), 0);
    }

    /** The requested cost, also listing each costed field's share (top-level and nested, by response path). */
    public long requested(OperationDefinition op, int mutationCost, List<FieldCost> fields) {
        this.fieldCosts = fields;
        try {
            return requested(op, mutationCost);
        } finally {
            this.fieldCosts = null;
        }
    }

    private long requested(SelectionSet set, GraphQLFieldsContainer type, int depth) {
        long total = 0;
        for (Selected s : selections.fields(set, type)) {
            GraphQLType t = s.unwrapped();
            if (!(t instanceof GraphQLFieldsContainer child)) {
                continue;
            }
            path.add(s.key());
            long cost;
            long children;
            long defined;
            if (s.isConnection()) {
                long perNode = perNode(s.field().getSelectionSet(), (GraphQLObjectType) child, depth + 1, null);
                cost = model.connection(count(s.field()), perNode, depth);
                defined = 2;
                children = cost - defined;
            } else if (s.isList()) {
                children = requested(s.field().getSelectionSet(), child, depth);
                cost = count(s.field()) * (1 + children);
                defined = 1;
            } else {
                children = requested(s.field().getSelectionSet(), child, depth);
                cost = 1 + children;
                defined = 1;
            }
            if (fieldCosts != null) {
                fieldCosts.add(new FieldCost(List.copyOf(path), defined, cost, children));
            }
            path.remove(path.size() - 1);
            total += cost;
        }
        return total;
    }

    /** Cost of one node of a connection: 1 + its selection, via nodes or edges.node. */
    private long perNode(SelectionSet set, GraphQLObjectType connection, int depth, Object unused) {
        long max = 0;
        for (Selected s : selections.fields(set, connection)) {
            if (s.definition() == null) {
                continue;
            }
            if (s.key().equals("pageInfo") || s.field().getName().equals("pageInfo")) {
                continue;
            }
            GraphQLType t = s.unwrapped();
            path.add(s.key());
            if (s.field().getName().equals("nodes") && t instanceof GraphQLFieldsContainer node) {
                max = Math.max(max, 1 + requested(s.field().getSelectionSet(), node, depth));
            } else if (s.field().getName().equals("edges") && t instanceof GraphQLFieldsContainer edge) {
                for (Selected e : selections.fields(s.field().getSelectionSet(), edge)) {
                    if (e.field().getName().equals("node") && e.unwrapped() instanceof GraphQLFieldsContainer node) {
                        path.add(e.key());
                        max = Math.max(max, 1 + requested(e.field().getSelectionSet(), node, depth));
                        path.remove(path.size() - 1);
                    }
                }
            }
            path.remove(path.size() - 1);
        }
        return max;
    }

    private long count(Field f) {
        for (String name : List.of("first", "last")) {
            Object v = argument(f, name);
            if (v instanceof Number n) {
                return n.longValue();
            }
        }
        for (String name : List.of("ids", "names")) {
            Object v = argument(f, name);
            if (v instanceof Collection<?> c) {
                return c.size();
            }
        }
        return 1;
    }

    private Object argument(Field f, String name) {
        return f.getArguments().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(a -> value(a.getValue())).orElse(null);
    }

    private Object value(Value<?> v) {
        if (v instanceof IntValue i) {
            return i.getValue().longValue();
        }
        if (v instanceof VariableReference ref) {
            return variables.get(ref.getName());
        }
        if (v instanceof ArrayValue a) {
            return a.getValues();
        }
        return null;
    }

    /** What the answer really cost: connections 2 + their returned nodes, objects 1, nulls 0. */
    public long actual(OperationDefinition op, Object data, int mutationCost) {
        if (op.getOperation() == OperationDefinition.Operation.MUTATION) {
            return mutationCost;
        }
        return data instanceof Map<?, ?> m ? actual(op.getSelectionSet(), selections.schema().getQueryType(), m) : 0;
    }

    private long actual(SelectionSet set, GraphQLFieldsContainer type, Map<?, ?> data) {
        long total = 0;
        for (Selected s : selections.fields(set, type)) {
            if (!(s.unwrapped() instanceof GraphQLFieldsContainer child)) {
                continue;
            }
            Object value = data.get(s.key());
            if (value == null) {
                continue;
            }
            if (s.isConnection() && value instanceof Map<?, ?> conn) {
                total += 2 + connectionActual(s.field().getSelectionSet(), (GraphQLObjectType) child, conn);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    total += item instanceof Map<?, ?> m ? 1 + actual(s.field().getSelectionSet(), child, m) : 0;
                }
            } else if (value instanceof Map<?, ?> m) {
                total += 1 + actual(s.field().getSelectionSet(), child, m);
            }
        }
        return total;
    }

    private long connectionActual(SelectionSet set, GraphQLObjectType connection, Map<?, ?> conn) {
        long best = 0;
        for (Selected s : selections.fields(set, connection)) {
            Object value = conn.get(s.key());
            if (!(value instanceof List<?> list)) {
                continue;
            }
            long sum = 0;
            if (s.field().getName().equals("nodes") && s.unwrapped() instanceof GraphQLFieldsContainer node) {
                for (Object item : list) {
                    sum += item instanceof Map<?, ?> m ? 1 + actual(s.field().getSelectionSet(), node, m) : 0;
                }
            } else if (s.field().getName().equals("edges") && s.unwrapped() instanceof GraphQLFieldsContainer edge) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> e) {
                        sum += actual(s.field().getSelectionSet(), edge, e);
                    }
                }
            }
            best = Math.max(best, sum);
        }
        return best;
    }
}
