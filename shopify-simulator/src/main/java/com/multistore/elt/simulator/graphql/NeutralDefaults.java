package com.multistore.elt.simulator.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcher;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The default field fetcher: the view's property, else for a non-null field the schema's neutral value (false, 0,
 * empty string/list, first enum value, zero money) so that every field of the subset can be asked for; nullable
 * fields the simulator does not model answer null.
 */
final class NeutralDefaults implements DataFetcher<Object> {
    private final PropertyDataFetcher<Object> property;

    NeutralDefaults(String name) {
        this.property = PropertyDataFetcher.fetching(name);
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        Object value = property.get(env);
        if (value != null || !(env.getFieldType() instanceof GraphQLNonNull)) {
            return value;
        }
        return neutral(env.getFieldType(), env);
    }

    private static Object neutral(GraphQLOutputType type, DataFetchingEnvironment env) {
        GraphQLType inner = GraphQLTypeUtil.unwrapNonNull(type);
        if (GraphQLTypeUtil.isList(inner)) {
            return List.of();
        }
        if (inner instanceof GraphQLEnumType e) {
            return e.getValues().get(0).getName();
        }
        if (inner instanceof GraphQLScalarType s) {
            return switch (s.getName()) {
                case "Boolean" -> false;
                case "Int" -> 0;
                case "Float" -> 0.0;
                case "Decimal", "Money" -> "0.0";
                case "UnsignedInt64" -> "0";
                case "DateTime" -> "1970-01-01T00:00:00Z";
                case "URL" -> "https://example.com/";
                case "JSON" -> "{}";
                default -> "";
            };
        }
        if (inner instanceof GraphQLObjectType o) {
            ShopSession session = env.getGraphQlContext().get(ShopSession.KEY);
            if (o.getName().equals("MoneyBag")) {
                Values.MoneyV2 zero = new Values.MoneyV2("0.0", session.currency());
                return new Values.MoneyBag(zero, zero);
            }
            if (o.getName().equals("MoneyV2")) {
                return new Values.MoneyV2("0.0", session.currency());
            }
            return new LinkedHashMap<>();
        }
        return null;
    }
}
