package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.service.ShopifyError;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** graphql-java over Shopify's real (subset) schema, with the simulator's fetchers. */
public final class GraphqlEngine {
    private static final Logger LOG = Logger.getLogger(GraphqlEngine.class);
    public static final String SCHEMA_RESOURCE = "/shopify/admin-subset.graphql";
    private static final List<String> SCALARS = List.of("DateTime", "Decimal", "Money", "URL", "UnsignedInt64", "HTML",
            "JSON", "StorefrontID", "FormattedString");

    private final GraphQLSchema schema;
    private final GraphQL graphql;

    public GraphqlEngine(RootFetchers.BulkControl bulk) {
        TypeDefinitionRegistry types;
        try (InputStream in = GraphqlEngine.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
            }
            types = new SchemaParser().parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(new WiringFactory() {
            @Override
            public DataFetcher getDefaultDataFetcher(FieldWiringEnvironment env) {
                return new NeutralDefaults(env.getFieldDefinition().getName());
            }
        });
        SCALARS.forEach(name -> wiring.scalar(Scalars.text(name)));
        wiring.type("Node", t -> t.typeResolver(env -> env.getSchema().getObjectType(((Typed) env.getObject()).typeName())));
        wiring.type("Event", t -> t.typeResolver(env -> env.getSchema().getObjectType(((Typed) env.getObject()).typeName())));
        new RootFetchers(bulk).wire(wiring);
        schema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        DataFetcherExceptionHandler errors = params -> {
            Throwable e = params.getException();
            GraphQLError error;
            if (e instanceof ShopifyError se) {
                error = GraphqlErrorBuilder.newError().message(se.getMessage()).path(params.getPath())
                        .location(params.getSourceLocation()).extensions(se.extensions().isEmpty() ? null : se.extensions())
                        .build();
            } else {
                ShopSession s = params.getDataFetchingEnvironment().getGraphQlContext().get(ShopSession.KEY);
                LOG.errorf(e, "request %s failed at %s", s.requestId, params.getPath());
                ShopifyError internal = ShopifyError.internal(s.requestId);
                error = GraphqlErrorBuilder.newError().message(internal.getMessage()).path(params.getPath())
                        .location(params.getSourceLocation()).extensions(internal.extensions()).build();
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        };
        graphql = GraphQL.newGraphQL(schema)
                .queryExecutionStrategy(new AsyncExecutionStrategy(errors))
                .mutationExecutionStrategy(new AsyncExecutionStrategy(errors))
                .build();
        ParserOptions.setDefaultParserOptions(ParserOptions.getDefaultParserOptions().transform(o -> o.maxTokens(200_000)));
    }

    public GraphQLSchema schema() {
        return schema;
    }

    public ExecutionResult execute(ShopSession session, String query, Map<String, Object> variables, String operationName) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(ShopSession.KEY, session);
        ExecutionInput input = ExecutionInput.newExecutionInput()
                .query(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(context)
                .build();
        return graphql.execute(input);
    }
}
