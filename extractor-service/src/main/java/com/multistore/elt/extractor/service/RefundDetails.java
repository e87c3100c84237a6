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
import java.util.List;
import java.util.Map;

/**
 * The refunds' follow-up query: the details of the refunds the run's orders listed (refunded lines, shipping lines,
 * order adjustments, refund transactions), which are connections under the order's {@code refunds} list and so
 * cannot be nested in one bulk query. Asks {@code nodes(ids:)} a batch at a time; when Shopify refuses a batch as too
 * expensive (MAX_COST_EXCEEDED) the batch shrinks in proportion to the reported cost and stays that size for the rest
 * of the store. A refund whose connection holds more than its first page (every line of a 300-line order refunded) is
 * completed by paging that connection for that refund alone before it reaches the sink. A GID that answers null (its
 * order was deleted since the orders were read) is counted as gone, not published.
 */
public final class RefundDetails {

    private static final Logger LOG = Logger.getLogger(RefundDetails.class);

    /** Shopify's limit on the ids of one {@code nodes(ids:)} query. */
    static final int MAX_IDS = 250;

    private RefundDetails() {
    }

    /** Returns the number of refunds that were gone when asked. */
    public static long run(ShopifyGraphQl client, EntityQueries queries, List<String> ids, int batchSize,
                           int minPageSize, String runId, NodeSink sink) {
        int size = Math.max(1, Math.min(MAX_IDS, batchSize));
        long gone = 0;
        long published = 0;
        int asked = 0;
        while (asked < ids.size()) {
            List<String> batch = ids.subList(asked, Math.min(ids.size(), asked + size));
            Map<String, Object> variables = new HashMap<>();
            variables.put("ids", batch);
            GraphQlAnswer answer;
            try {
                answer = client.execute(queries.pageOperation(), queries.pageDocument(), variables);
            } catch (QueryCostExceededException e) {
                int smaller = PagedExtraction.smaller(batch.size(), e.cost(), e.maxCost());
                if (smaller >= batch.size()) {
                    throw new ShopifyApiException("MAX_COST_EXCEEDED", client.store() + " " + queries.pageOperation()
                            + ": the details of even one refund cost " + Math.round(e.cost()) + " > "
                            + Math.round(e.maxCost()), e);
                }
                LOG.infof("run %s store %s refunds: a batch of %d costs %.0f > %.0f, asking %d", runId, client.store(),
                        batch.size(), e.cost(), e.maxCost(), smaller);
                size = smaller;
                continue;
            }
            JsonNode nodes = answer.data() == null ? null : answer.data().get("nodes");
            if (nodes == null || !nodes.isArray() || nodes.size() != batch.size()) {
                throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + queries.pageOperation()
                        + ": nodes(ids:) did not answer one node per id asked (" + batch.size() + ")");
            }
            for (int i = 0; i < batch.size(); i++) {
                JsonNode node = nodes.get(i);
                if (node == null || node.isNull()) {
                    gone++;
                    LOG.infof("run %s store %s refunds: %s is gone (its order deleted since it was read)", runId,
                            client.store(), batch.get(i));
                    continue;
                }
                if (!(node instanceof ObjectNode refund)
                        || !batch.get(i).equals(refund.path("id").asText(null))) {
                    throw new ShopifyApiException("BAD_ANSWER", client.store() + " " + queries.pageOperation()
                            + ": asked " + batch.get(i) + ", answered " + (node.isObject() ? node.path("id").asText("no id")
                            : node.getNodeType()));
                }
                PagedExtraction.completeNested(client, queries, refund, minPageSize, runId, published);
                sink.accept(refund);
                published++;
            }
            asked += batch.size();
        }
        return gone;
    }
}
