package com.multistore.elt.e2e;

import com.multistore.elt.e2e.ShopTruth.BakeryOrder;
import com.multistore.elt.e2e.ShopTruth.Customer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bakery marts computed here from what the shop serves, by the architecture's rules, to compare with
 * {@code mart.future_orders} and {@code mart.bake_schedule_week}: a request is one deposit and one remaining order,
 * paired by the request-id metafield, else by customer + event datetime; cancelled and test orders do not count.
 */
final class BakeryMarts {

    private static final DateTimeFormatter UTC_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /** A bakery order with its request. */
    private record Placed(BakeryOrder order, String type, Instant event, String request) {
    }

    private final List<Placed> placed = new ArrayList<>();

    BakeryMarts(ShopTruth shop) {
        for (BakeryOrder o : shop.bakeryOrders) {
            Instant event = instant(o.custom().get("event_datetime"));
            if (event == null || o.cancelled() || o.test()) {
                continue;
            }
            String type = o.custom().get("order_type") == null ? null : o.custom().get("order_type").trim().toLowerCase(Locale.ROOT);
            placed.add(new Placed(o, type, event, request(o, event, shop.customers)));
        }
    }

    /** mart.future_orders: order id -> "type deposit_missing remaining_missing", for events after {@code asOf}. */
    Map<Long, String> futureOrders(Instant asOf) {
        Map<String, List<Placed>> requests = byRequest();
        Map<Long, String> rows = new TreeMap<>();
        for (Placed p : placed) {
            if (p.event.isAfter(asOf)) {
                List<Placed> request = requests.get(p.request);
                boolean deposit = request.stream().anyMatch(r -> "deposit".equals(r.type));
                boolean remaining = request.stream().anyMatch(r -> "remaining".equals(r.type));
                rows.put(p.order.id(), p.type + " " + !deposit + " " + !remaining);
            }
        }
        return rows;
    }

    /** mart.bake_schedule_week: the requests whose event falls in the week of {@code asOf} and that have a PAID half. */
    Set<String> weekRequests(Instant asOf, ZoneId zone, DayOfWeek weekStart) {
        LocalDate today = asOf.atZone(zone).toLocalDate();
        LocalDate start = today.minusDays(Math.floorMod(today.getDayOfWeek().getValue() - weekStart.getValue(), 7));
        Set<String> keys = new TreeSet<>();
        byRequest().forEach((key, request) -> {
            LocalDate day = request.stream().map(r -> r.event).min(Instant::compareTo).orElseThrow().atZone(zone).toLocalDate();
            boolean paid = request.stream().anyMatch(r -> ("deposit".equals(r.type) || "remaining".equals(r.type))
                    && "PAID".equals(r.order.financialStatus()));
            if (!day.isBefore(start) && day.isBefore(start.plusDays(7)) && paid) {
                keys.add(key);
            }
        });
        return keys;
    }

    private Map<String, List<Placed>> byRequest() {
        Map<String, List<Placed>> requests = new HashMap<>();
        placed.forEach(p -> requests.computeIfAbsent(p.request, k -> new ArrayList<>()).add(p));
        return requests;
    }

    private static String request(BakeryOrder o, Instant event, Map<String, Customer> customers) {
        String id = o.custom().get("request_id");
        if (id != null && !id.isBlank()) {
            return "request:" + id.trim();
        }
        Customer customer = o.customerGid() == null ? null : customers.get(o.customerGid());
        String who = customer != null ? customer.key()
                : o.email() == null || o.email().isBlank() ? null : "email:" + o.email().trim().toLowerCase(Locale.ROOT);
        return who != null ? "customer:" + who + "@" + UTC_SECOND.format(event.atOffset(ZoneOffset.UTC)) : "order:" + o.id();
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
