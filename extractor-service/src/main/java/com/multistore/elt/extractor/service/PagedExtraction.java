package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** A page size whose cost fits under the cap (cost is taken as proportional to the page size). */
    static int smaller(int first, double cost, double maxCost) {
        if (first <= 1 || cost <= 0) {
            return first;
        }
        int fit = (int) Math.floor(first * maxCost / cost);
        return Math.max(1, Math.min(first - 1, fit));
    }
}
