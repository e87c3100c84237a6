package com.multistore.elt.simulator.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;

import java.util.Locale;

/** Shopify's custom scalars (DateTime, Decimal, Money, URL, UnsignedInt64, HTML, JSON, StorefrontID): strings on the wire. */
final class Scalars {
    private Scalars() {
    }

    static GraphQLScalarType text(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return name.equals("JSON") ? value : String.valueOf(value);
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return input;
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                if (input instanceof StringValue s) {
                    return s.getValue();
                }
                if (input instanceof IntValue i) {
                    return i.getValue().toString();
                }
                if (input instanceof FloatValue f) {
                    return f.getValue().toPlainString();
                }
                if (input instanceof BooleanValue b) {
                    return b.isValue();
                }
                throw new CoercingParseLiteralException("Expected a string for " + name);
            }
        }).build();
    }
}
