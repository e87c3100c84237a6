package com.multistore.elt.testing.shopify;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The real Shopify Admin GraphQL schema (2026-04, full) for tests: a GraphQL document the pipeline sends is a bug
 * unless it validates against it, and it must not select deprecated fields.
 */
public final class ShopifySchemas {

    private static volatile GraphQLSchema full;

    private ShopifySchemas() {
    }

    /** The full 2026-04 schema, parsed once per JVM. */
    public static GraphQLSchema full() {
        if (full == null) {
            synchronized (ShopifySchemas.class) {
                if (full == null) {
                    full = parse(open("/shopify/admin-2026-04.graphql.gz", true));
                }
            }
        }
        return full;
    }

    /** Parses SDL from a stream (e.g. a module's own subset schema). */
    public static GraphQLSchema parse(Reader sdl) {
        ParserOptions.setDefaultParserOptions(ParserOptions.getDefaultParserOptions().transform(o -> o
                .maxTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE).maxWhitespaceTokens(Integer.MAX_VALUE)));
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        return new SchemaGenerator().makeExecutableSchema(types, RuntimeWiring.MOCKED_WIRING);
    }

    /**
     * The problems of a document against a schema: validation errors, and every selected field that the schema
     * marks deprecated. Empty means the document is good.
     */
    public static List<String> problems(GraphQLSchema schema, String document) {
        return problems(schema, document, java.util.Map.of());
    }

    /**
     * As {@link #problems(GraphQLSchema, String)} for a document with variables: the deprecated-field walk needs a
     * value for each non-null variable (any valid value will do).
     */
    public static List<String> problems(GraphQLSchema schema, String document, java.util.Map<String, Object> variables) {
        Document parsed;
        try {
            parsed = Parser.parse(document);
        } catch (RuntimeException e) {
            return List.of("does not parse: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        List<ValidationError> errors = new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
        errors.forEach(e -> problems.add(e.getMessage()));
        if (!errors.isEmpty()) {
            return problems;
        }
        parsed.getDefinitionsOfType(graphql.language.OperationDefinition.class).forEach(operation ->
                QueryTraverser.newQueryTraverser().schema(schema).document(parsed)
                        .operationName(operation.getName())
                        .variables(variables)
                        .build()
                        .visitPreOrder(new QueryVisitorStub() {
                            @Override
                            public void visitField(QueryVisitorFieldEnvironment env) {
                                if (env.getFieldDefinition().isDeprecated()) {
                                    problems.add("deprecated field " + env.getFieldsContainer().getName() + "."
                                            + env.getField().getName() + ": " + env.getFieldDefinition().getDeprecationReason());
                                }
                            }
                        }));
        return problems;
    }

    /** Reads a classpath resource as text (gzip when the name ends in .gz). */
    public static String resource(String path) {
        try (Reader r = open(path, path.endsWith(".gz"))) {
            StringBuilder text = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                text.append(buf, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader open(String path, boolean gzip) {
        InputStream in = ShopifySchemas.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("no resource " + path + " on the classpath");
        }
        try {
            return new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
