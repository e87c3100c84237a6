package com.multistore.elt.simulator.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a selection set asks of a type, by response key, with fragments resolved and repeated keys merged
 * (used by the cost calculation and by the bulk JSONL writer, which walk a query together with its answer).
 */
public final class Selections {
    /** One selected field: definition null for {@code __typename}. */
    public record Selected(String key, Field field, GraphQLFieldDefinition definition) {
        public GraphQLType unwrapped() {
            return definition == null ? null : GraphQLTypeUtil.unwrapAll(definition.getType());
        }

        public boolean isList() {
            return definition != null && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()));
        }

        public boolean isConnection() {
            GraphQLType t = unwrapped();
            return t instanceof GraphQLObjectType o && o.getName().endsWith("Connection") && o.getFieldDefinition("pageInfo") != null;
        }
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();

    public Selections(GraphQLSchema schema, Document document) {
        this.schema = schema;
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /** Resolved selections by (selection set, type); a Selections lives for one request or one bulk job. */
    private final Map<SelectionSet, Map<String, List<Selected>>> cache = new IdentityHashMap<>();

    public List<Selected> fields(SelectionSet set, GraphQLFieldsContainer type) {
        if (set == null) {
            return List.of();
        }
        return cache.computeIfAbsent(set, k -> new HashMap<>()).computeIfAbsent(type.getName(), k -> {
            Map<String, Selected> out = new LinkedHashMap<>();
            collect(set, type, out);
            return List.copyOf(out.values());
        });
    }

    private void collect(SelectionSet set, GraphQLFieldsContainer type, Map<String, Selected> out) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                String key = f.getAlias() != null ? f.getAlias() : f.getName();
                GraphQLFieldDefinition def = f.getName().startsWith("__") ? null : type.getFieldDefinition(f.getName());
                Selected old = out.get(key);
                if (old != null && old.field().getSelectionSet() != null && f.getSelectionSet() != null) {
                    List<Selection> merged = new ArrayList<>(old.field().getSelectionSet().getSelections());
                    merged.addAll(f.getSelectionSet().getSelections());
                    Field combined = old.field().transform(b -> b.selectionSet(SelectionSet.newSelectionSet(merged).build()));
                    out.put(key, new Selected(key, combined, old.definition()));
                } else if (old == null) {
                    out.put(key, new Selected(key, f, def));
                }
            } else if (s instanceof InlineFragment inline) {
                GraphQLFieldsContainer target = narrow(type, inline.getTypeCondition() == null ? null
                        : inline.getTypeCondition().getName());
                if (target != null) {
                    collect(inline.getSelectionSet(), target, out);
                }
            } else if (s instanceof FragmentSpread spread) {
                FragmentDefinition def = fragments.get(spread.getName());
                if (def != null) {
                    GraphQLFieldsContainer target = narrow(type, def.getTypeCondition().getName());
                    if (target != null) {
                        collect(def.getSelectionSet(), target, out);
                    }
                }
            }
        }
    }

    /** The type a fragment's fields are read on, or null when the fragment cannot apply to {@code type}. */
    private GraphQLFieldsContainer narrow(GraphQLFieldsContainer type, String condition) {
        if (condition == null || condition.equals(type.getName())) {
            return type;
        }
        GraphQLType cond = schema.getType(condition);
        if (type instanceof GraphQLObjectType o && o.getInterfaces().stream().anyMatch(i -> i.getName().equals(condition))) {
            return type;
        }
        if (cond instanceof GraphQLObjectType o && o.getInterfaces().stream().anyMatch(i -> i.getName().equals(type.getName()))) {
            return o;
        }
        return null;
    }
}
