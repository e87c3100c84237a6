package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.extractor.client.EntityQueries;
import com.multistore.elt.extractor.client.GraphQlAnswer;
import com.multistore.elt.extractor.client.QueryCostExceededException;
import com.multistore.elt.extractor.client.ShopifyApiException;
import com.multistore.elt.extractor.client.ShopifyGraphQl;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * The paged path: {@code <connection>(first, after, sortKey: UPDATED_AT, query)} page after page until
 * {@code hasNextPage} is false. When Shopify refuses a page as too expensive (MAX_COST_EXCEEDED), the page shrinks
 * in proportion to the reported cost and the same page is asked again; when even a page of {@code minPageSize}
 * would cost too much, {@link PagingTooExpensiveException} tells the caller to take the bulk path instead.
 * <p>
 * A node whose nested connection holds more than the page asked for ({@code lineItems.pageInfo.hasNextPage}: an
 * order of 300 lines) is completed before it reaches the sink, by paging that connection of that node alone; the
 * pageInfo is then dropped, so the payload is the same as the bulk path's and never cut short.
 */
public final class PagedExtraction {

    private static final Logger LOG = Logger.getLogger(PagedExtraction.class);

    private PagedExtraction() {
    }

    /** Returns the number of nodes handed to the sink. */
    public static long run(ShopifyGraphQl client, EntityQueries queries, String filter, int pageSize, int minPageSize,
                           String runId, NodeSink sink) {
        int first = Math.max(1, Math.min(250, pageSize));
        String after = null;
        long nodes = 0;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", first);
            variables.put("after", after);
            variables.put("query", filter);
            GraphQlAnswer answer;
            try {
                answer = client.execute(queries.pageOperation(), queries.pageDocument(), variables);
            } catch (QueryCostExceededException e) {
                int smaller = smaller(first, e.cost(), e.maxCost());
                if (smaller == first || smaller < minPageSize) {
                    throw new PagingTooExpensiveException(queries.entity().code() + ": a page of " + first
                            + " costs " + Math.round(e.cost()) + " > " + Math.round(e.maxCost())
                            + " and fewer than " + minPageSize + " per page is not worth paging", nodes, e);
                }
                LOG.infof("run %s store %s %s: page of %d costs %.0f > %.0f, asking %d", runId, client.store(),
                        queries.entity().code(), first, e.cost(), e.maxCost(), smaller);
                first = smaller;
                continue;
            }
            JsonNode connection = answer.data() == null ? null : answer.data().get(queries.connection());
            if (connection == null || !connection.path("nodes").isArray()) {
                throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + queries.pageOperation()
                        + ": the answer has no " + queries.connection() + ".nodes");
            }
            for (JsonNode node : connection.get("nodes")) {
                completeNested(client, queries, (ObjectNode) node, minPageSize, runId, nodes);
                sink.accept((ObjectNode) node);
                nodes++;
            }
            JsonNode pageInfo = connection.path("pageInfo");
            if (!pageInfo.path("hasNextPage").asBoolean(false)) {
                return nodes;
            }
            String next = pageInfo.path("endCursor").asText(null);
            if (next == null || next.equals(after)) {
                throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + queries.pageOperation()
                        + ": hasNextPage without a new endCursor");
            }
            after = next;
        }
    }

    /** Pages each nested connection of {@code node} that has more than its first page, appending to its nodes. */
    static void completeNested(ShopifyGraphQl client, EntityQueries queries, ObjectNode node, int minPageSize,
                               String runId, long published) {
        for (EntityQueries.NestedConnection nested : queries.nested()) {
            if (!(node.get(nested.field()) instanceof ObjectNode children)) {
                continue;
            }
            JsonNode pageInfo = children.remove("pageInfo");
            if (pageInfo == null || !pageInfo.path("hasNextPage").asBoolean(false)) {
                continue;
            }
            String id = node.path("id").asText();
            ArrayNode all = (ArrayNode) children.withArray("nodes");
            String after = pageInfo.path("endCursor").asText(null);
            int first = nested.pageSize();
            int pages = 0;
            while (after != null) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("id", id);
                variables.put("first", first);
                variables.put("after", after);
                GraphQlAnswer answer;
                try {
                    answer = client.execute(nested.operation(), nested.document(), variables);
                } catch (QueryCostExceededException e) {
                    int smaller = smaller(first, e.cost(), e.maxCost());
                    if (smaller == first || smaller < Math.min(minPageSize, first)) {
                        throw new PagingTooExpensiveException(id + " " + nested.field() + ": a page of " + first
                                + " costs " + Math.round(e.cost()) + " > " + Math.round(e.maxCost()), published, e);
                    }
                    first = smaller;
                    continue;
                }
                JsonNode owner = answer.data() == null ? null : answer.data().get("owner");
                JsonNode more = owner == null ? null : owner.get("children");
                if (more == null || !more.path("nodes").isArray()) {
                    throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + nested.operation() + ": " + id
                            + (owner == null || owner.isNull() ? " is gone while its " + nested.field() + " were paged"
                            : " answered without " + nested.field() + ".nodes"));
                }
                more.get("nodes").forEach(all::add);
                pages++;
                String next = more.path("pageInfo").path("hasNextPage").asBoolean(false)
                        ? more.path("pageInfo").path("endCursor").asText(null) : null;
                if (next != null && next.equals(after)) {
                    throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + nested.operation() + ": " + id
                            + " hasNextPage without a new endCursor");
                }
                after = next;
            }
            LOG.infof("run %s store %s %s %s: %d %s in %d more pages", runId, client.store(), queries.entity().code(),
                    id, all.size(), nested.field(), pages);
        }
    }

    /** A page size whose cost fits under the cap (cost is taken as proportional to the page size). */
    static int smaller(int first, double cost, double maxCost) {
        if (first <= 1 || cost <= 0) {
            return first;
        }
        int fit = (int) Math.floor(first * maxCost / cost);
        return Math.max(1, Math.min(first - 1, fit));
    }
}
