package com.multistore.elt.extractor.client;

import com.multistore.elt.testing.shopify.ShopifySchemas;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * {@link ShopifySchemas#problems} for documents with required variables: the shared check traverses with an empty
 * variable map, which graphql-java rejects for {@code $first: Int!}; here each required variable gets a sample
 * value of its type. Same result otherwise: validation errors, then every deprecated field selected.
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    /** A value for each required variable, so that the traversal can coerce them (only the shape is checked). */
    private static Map<String, Object> sampleVariables(OperationDefinition operation) {
        Map<String, Object> values = new HashMap<>();
        for (VariableDefinition variable : operation.getVariableDefinitions()) {
            Type<?> type = variable.getType();
            if (type instanceof NonNullType nonNull && nonNull.getType() instanceof TypeName name) {
                values.put(variable.getName(), switch (name.getName()) {
                    case "Int" -> 1;
                    case "Boolean" -> true;
                    case "ID" -> "gid://shopify/BulkOperation/1";
                    default -> "x";
                });
            } else if (type instanceof NonNullType nonNull && nonNull.getType() instanceof ListType) {
                values.put(variable.getName(), List.of("gid://shopify/Refund/1")); // [ID!]! of nodes(ids:)
            }
        }
        return values;
    }

    static List<String> problems(String document) {
        var schema = ShopifySchemas.full();
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (RuntimeException e) {
            return List.of("does not parse: " + e.getMessage());
        }
        List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
        List<String> problems = new ArrayList<>(errors.stream().map(ValidationError::getMessage).toList());
        if (!problems.isEmpty()) {
            return problems;
        }
        for (OperationDefinition operation : parsed.getDefinitionsOfType(OperationDefinition.class)) {
            QueryTraverser.newQueryTraverser().schema(schema).document(parsed).operationName(operation.getName())
                    .variables(sampleVariables(operation)).build()
                    .visitPreOrder(new QueryVisitorStub() {
                        @Override
                        public void visitField(QueryVisitorFieldEnvironment env) {
                            if (env.getFieldDefinition().isDeprecated()) {
                                problems.add("deprecated field " + env.getFieldsContainer().getName() + "."
                                        + env.getField().getName());
                            }
                        }
                    });
        }
        return problems;
    }
}
