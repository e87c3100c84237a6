package com.multistore.elt.olist;

import com.multistore.elt.service.sql.SqlFiles;
import net.datafaker.Faker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Fills an Olist-shaped operational database from a seed, and advances it in time: new orders (with their customer,
 * items and payments), orders moving through approved, shipped and delivered, and reviews, some late and answered
 * later. The same seed and moments give the same rows. The public data's defects are part of it: orders without items
 * (unavailable), products without a category (null or an empty string), categories without an English translation,
 * reviews of unknown orders, a review id shared by two orders, zip prefixes with leading zeros, empty strings for
 * nulls. Timestamps are local times of the shop's zone. The generator's own bookkeeping (its seed and how far it has
 * generated) is the table {@code _olist_generator}, which no stream reads.
 */
public final class OlistGenerator {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Olist's category names (Portuguese) and their English translation; the last two have none, as in the data. */
    static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        String[][] names = {{"beleza_saude", "health_beauty"}, {"informatica_acessorios", "computers_accessories"},
                {"cama_mesa_banho", "bed_bath_table"}, {"esporte_lazer", "sports_leisure"},
                {"moveis_decoracao", "furniture_decor"}, {"utilidades_domesticas", "housewares"},
                {"relogios_presentes", "watches_gifts"}, {"telefonia", "telephony"}, {"automotivo", "auto"},
                {"brinquedos", "toys"}, {"cool_stuff", "cool_stuff"}, {"perfumaria", "perfumery"}, {"bebes", "baby"},
                {"eletronicos", "electronics"}, {"papelaria", "stationery"}, {"pc_gamer", null},
                {"portateis_cozinha_e_preparadores_de_alimentos", null}};
        for (String[] n : names) {
            CATEGORIES.put(n[0], n[1]);
        }
    }

    private static final String[] STATES = {"SP", "SP", "SP", "RJ", "MG", "RS", "PR", "SC", "BA", "DF", "GO", "ES", "PE", "CE"};
    private static final String[] ORIGINS = {"organic_search", "paid_search", "social", "unknown", "direct_traffic",
            "email", "referral", "display", "other", ""};
    private static final String[] SEGMENTS = {"home_decor", "health_beauty", "car_accessories", "household_utilities",
            "construction_tools_house_garden", "audio_video_electronics", "computers", "pet", "food_supplement"};
    private static final String[] LEAD_TYPES = {"online_medium", "online_big", "online_small", "industry", "offline",
            "online_beginner", "online_top"};
    private static final String[] PROFILES = {"cat", "eagle", "wolf", "shark", null};

    private final Connection c;
    private final String schema;
    private final ZoneId zone;
    private final long seed;

    public OlistGenerator(Connection connection, String schema, ZoneId zone, long seed) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: '" + schema + "'");
        }
        this.c = connection;
        this.schema = schema;
        this.zone = zone;
        this.seed = seed;
    }

    /** How much to generate: people, sellers, products, orders and leads, spread over the days before now. */
    public record Sizes(int customers, int sellers, int products, int orders, int leads, int historyDays) {
        public Sizes {
            if (customers < 1 || sellers < 1 || products < 1 || orders < 1 || leads < 0 || historyDays < 1) {
                throw new IllegalArgumentException("sizes must be positive: " + this);
            }
        }
    }

    /** What a call generated or changed. */
    public record Summary(int newOrders, int ordersChanged, int reviewsAdded, int reviewsAnswered, Instant until) {
    }

    /** Creates the schema and its tables (they must not exist) and fills them as they are at {@code now}. */
    public Summary create(Instant now, Sizes sizes) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(SqlFiles.text("sql/source/olist/schema.sql", Map.of("schema", schema)));
            s.execute("create table " + schema + "._olist_generator (seed bigint not null, orders_per_day double precision"
                    + " not null, persons integer not null, generated_until timestamptz not null)");
            Random r = new Random(seed);
            Faker faker = new Faker(new Locale("pt", "BR"), new Random(seed + 1));
            insertCategories();
            List<String> sellers = insertSellers(r, faker, sizes.sellers());
            List<Product> products = insertProducts(r, sizes.products());
            insertLeads(r, sellers, sizes.leads(), now, sizes.historyDays());
            Instant from = now.minus(Duration.ofDays(sizes.historyDays()));
            double perDay = (double) sizes.orders() / sizes.historyDays();
            try (PreparedStatement ps = c.prepareStatement("insert into " + schema + "._olist_generator values (?, ?, ?, ?)")) {
                ps.setLong(1, seed);
                ps.setDouble(2, perDay);
                ps.setInt(3, sizes.customers());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.executeUpdate();
            }
            int orders = insertOrders(r, faker, from, now, sizes.orders(), sizes.customers(), products, sellers);
            Summary reviews = applyLifecycles(now, now);
            insertOrphanReviews(r, now);
            c.commit();
            return new Summary(orders, 0, reviews.reviewsAdded(), reviews.reviewsAnswered(), now);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Moves the shop on to {@code to}: the orders placed since the last call (at the rate the database was created
     * with), and every order's steps (approval, carrier, delivery, review, answer) that fell due; returns what changed.
     */
    public Summary advance(Instant to) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            double perDay;
            int persons;
            Instant from;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select orders_per_day, persons, generated_until from " + schema
                         + "._olist_generator for update")) {
                if (!rs.next()) {
                    throw new IllegalStateException(schema + " was not created by this generator");
                }
                perDay = rs.getDouble(1);
                persons = rs.getInt(2);
                from = rs.getTimestamp(3).toInstant();
            }
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("the shop is already at " + from + "; advance it to a later moment than " + to);
            }
            Random r = new Random(seed ^ to.toEpochMilli());
            Faker faker = new Faker(new Locale("pt", "BR"), new Random(seed ^ (to.toEpochMilli() + 1)));
            List<String> sellers = ids("select seller_id from " + schema + ".sellers order by seller_id");
            List<Product> products = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select product_id, product_weight_g from " + schema + ".products order by product_id")) {
                while (rs.next()) {
                    products.add(new Product(rs.getString(1), priceOf(rs.getString(1))));
                }
            }
            double days = Duration.between(from, to).toMillis() / 86_400_000.0;
            int count = (int) Math.round(perDay * days);
            int orders = insertOrders(r, faker, from, to, count, persons, products, sellers);
            Summary changes = applyLifecycles(from, to);
            try (PreparedStatement ps = c.prepareStatement("update " + schema + "._olist_generator set generated_until = ?")) {
                ps.setTimestamp(1, Timestamp.from(to));
                ps.executeUpdate();
            }
            c.commit();
            return new Summary(orders, changes.ordersChanged(), changes.reviewsAdded(), changes.reviewsAnswered(), to);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private record Product(String id, BigDecimal price) {
    }

    private void insertCategories() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + schema
                + ".product_category_name_translation values (?, ?)")) {
            for (Map.Entry<String, String> e : CATEGORIES.entrySet()) {
                if (e.getValue() != null) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private List<String> insertSellers(Random r, Faker faker, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("insert into " + schema + ".sellers values (?, ?, ?, ?)");
             PreparedStatement geo = geolocationInsert()) {
            for (int i = 0; i < count; i++) {
                String id = hexId(r);
                String state = pick(r, STATES);
                String zip = zip(r, state);
                String city = city(faker);
                ps.setString(1, id);
                ps.setString(2, zip);
                ps.setString(3, city);
                ps.setString(4, state);
                ps.addBatch();
                geolocation(geo, r, zip, city, state);
                ids.add(id);
            }
            ps.executeBatch();
            geo.executeBatch();
        }
        return ids;
    }

    private List<Product> insertProducts(Random r, int count) throws SQLException {
        List<String> categories = new ArrayList<>(CATEGORIES.keySet());
        List<Product> products = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("insert into " + schema
                + ".products values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = hexId(r);
                double roll = r.nextDouble();
                // about 2% without a category (then without measures, as in the public data), 0.5% with an empty one
                boolean uncategorized = roll < 0.02;
                String category = uncategorized ? null : roll < 0.025 ? "" : categories.get(r.nextInt(categories.size()));
                ps.setString(1, id);
                ps.setString(2, category);
                setDecimal(ps, 3, uncategorized ? null : BigDecimal.valueOf(20 + r.nextInt(45)).setScale(1));
                setDecimal(ps, 4, uncategorized ? null : BigDecimal.valueOf(80 + r.nextInt(2500)).setScale(1));
                if (uncategorized) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setInt(5, 1 + r.nextInt(6));
                }
                setDecimal(ps, 6, BigDecimal.valueOf(50 + r.nextInt(15000)).setScale(1));
                setDecimal(ps, 7, BigDecimal.valueOf(10 + r.nextInt(80)).setScale(1));
                setDecimal(ps, 8, BigDecimal.valueOf(2 + r.nextInt(60)).setScale(1));
                setDecimal(ps, 9, BigDecimal.valueOf(8 + r.nextInt(60)).setScale(1));
                ps.addBatch();
                products.add(new Product(id, priceOf(id)));
            }
            ps.executeBatch();
        }
        return products;
    }

    /** A product's price, from the seed and its id (the same in every call). */
    private BigDecimal priceOf(String productId) {
        Random r = new Random(seed * 17 + productId.hashCode());
        return BigDecimal.valueOf(990 + r.nextInt(60_000), 2);
    }

    private void insertLeads(Random r, List<String> sellers, int count, Instant now, int historyDays) throws SQLException {
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pages.add(hexId(r));
        }
        List<String> sdrs = List.of(hexId(r), hexId(r), hexId(r), hexId(r));
        List<String> srs = List.of(hexId(r), hexId(r), hexId(r));
        try (PreparedStatement q = c.prepareStatement("insert into " + schema + ".leads_qualified values (?, ?, ?, ?)");
             PreparedStatement w = c.prepareStatement("insert into " + schema
                     + ".leads_closed values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int closed = 0;
            for (int i = 0; i < count; i++) {
                String mql = hexId(r);
                Instant contact = now.minus(Duration.ofMinutes(r.nextInt(historyDays * 24 * 60)));
                q.setString(1, mql);
                q.setObject(2, LocalDateTime.ofInstant(contact, zone).toLocalDate());
                q.setString(3, pages.get(r.nextInt(pages.size())));
                q.setString(4, r.nextDouble() < 0.01 ? null : pick(r, ORIGINS));
                q.addBatch();
                if (r.nextDouble() < 0.2) {
                    Instant won = contact.plus(Duration.ofHours(24 + r.nextInt(24 * 40)));
                    if (won.isAfter(now)) {
                        continue;
                    }
                    // most closed leads became one of the shop's sellers; some did not (yet)
                    w.setString(1, mql);
                    w.setString(2, closed++ % 5 == 4 ? hexId(r) : sellers.get(r.nextInt(sellers.size())));
                    w.setString(3, sdrs.get(r.nextInt(sdrs.size())));
                    w.setString(4, srs.get(r.nextInt(srs.size())));
                    w.setObject(5, local(won));
                    w.setString(6, pick(r, SEGMENTS));
                    w.setString(7, pick(r, LEAD_TYPES));
                    w.setString(8, pick(r, PROFILES));
                    setBoolean(w, 9, r.nextDouble() < 0.9 ? null : r.nextBoolean());
                    setBoolean(w, 10, r.nextDouble() < 0.9 ? null : r.nextBoolean());
                    w.setString(11, r.nextDouble() < 0.9 ? null : pick(r, new String[]{"1-5", "5-20", "20-50", "50-100", "200+"}));
                    w.setString(12, pick(r, new String[]{"reseller", "manufacturer", "other"}));
                    setDecimal(w, 13, r.nextDouble() < 0.9 ? null : BigDecimal.valueOf(1 + r.nextInt(400)).setScale(1));
                    setDecimal(w, 14, r.nextDouble() < 0.9 ? BigDecimal.ZERO.setScale(2)
                            : BigDecimal.valueOf(1000 * (1 + r.nextInt(500))).setScale(2));
                    w.addBatch();
                }
            }
            q.executeBatch();
            w.executeBatch();
        }
    }

    /** Orders placed in (from, to], each with a new customer row of a person (some persons order again). */
    private int insertOrders(Random r, Faker faker, Instant from, Instant to, int count, int persons,
                             List<Product> products, List<String> sellers) throws SQLException {
        if (count == 0) {
            return 0;
        }
        long span = Duration.between(from, to).getSeconds();
        try (PreparedStatement customer = c.prepareStatement("insert into " + schema + ".customers values (?, ?, ?, ?, ?)");
             PreparedStatement order = c.prepareStatement("insert into " + schema
                     + ".orders values (?, ?, ?, ?, null, null, null, ?)");
             PreparedStatement item = c.prepareStatement("insert into " + schema
                     + ".order_items values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement payment = c.prepareStatement("insert into " + schema
                     + ".order_payments values (?, ?, ?, ?, ?)");
             PreparedStatement geo = geolocationInsert()) {
            for (int i = 0; i < count; i++) {
                Instant purchase = to.minusSeconds(span <= 1 ? 0 : (long) (r.nextDouble() * (span - 1))).truncatedTo(ChronoUnit.SECONDS);
                String person = personId(r.nextInt(Math.max(1, persons)));
                String customerId = hexId(r);
                String state = pick(r, STATES);
                String zip = zip(r, state);
                String city = city(faker);
                customer.setString(1, customerId);
                customer.setString(2, person);
                customer.setString(3, zip);
                customer.setString(4, city);
                customer.setString(5, state);
                customer.addBatch();
                geolocation(geo, r, zip, city, state);
                String orderId = hexId(r);
                OrderLifecycle life = OrderLifecycle.of(seed, orderId, purchase, zone);
                order.setString(1, orderId);
                order.setString(2, customerId);
                order.setString(3, "created");
                order.setObject(4, local(purchase));
                order.setObject(5, local(life.estimated().truncatedTo(ChronoUnit.DAYS)));
                order.addBatch();
                BigDecimal total = BigDecimal.ZERO;
                if (life.fate() != OrderLifecycle.Fate.UNAVAILABLE) {
                    int items = r.nextDouble() < 0.85 ? 1 : 2 + r.nextInt(3);
                    Product product = products.get(r.nextInt(products.size()));
                    String seller = sellers.get(r.nextInt(sellers.size()));
                    for (int n = 1; n <= items; n++) {
                        if (n > 1 && r.nextDouble() < 0.4) {
                            product = products.get(r.nextInt(products.size()));
                        }
                        BigDecimal freight = BigDecimal.valueOf(500 + r.nextInt(5000), 2);
                        item.setString(1, orderId);
                        item.setInt(2, n);
                        item.setString(3, product.id());
                        item.setString(4, seller);
                        item.setObject(5, local(purchase.plus(Duration.ofDays(6))));
                        item.setBigDecimal(6, product.price());
                        item.setBigDecimal(7, freight);
                        item.addBatch();
                        total = total.add(product.price()).add(freight);
                    }
                } else {
                    total = BigDecimal.valueOf(2000 + r.nextInt(20000), 2);
                }
                double kind = r.nextDouble();
                if (kind < 0.03) {
                    // a voucher first, the rest by card
                    BigDecimal voucher = total.multiply(BigDecimal.valueOf(10 + r.nextInt(40))).divide(BigDecimal.valueOf(100), 2,
                            RoundingMode.HALF_UP);
                    payment(payment, orderId, 1, "voucher", 1, voucher);
                    payment(payment, orderId, 2, "credit_card", 1 + r.nextInt(6), total.subtract(voucher));
                } else {
                    String type = kind < 0.78 ? "credit_card" : kind < 0.97 ? "boleto" : kind < 0.99 ? "voucher" : "debit_card";
                    payment(payment, orderId, 1, type, "credit_card".equals(type) ? 1 + r.nextInt(10) : 1, total);
                }
            }
            customer.executeBatch();
            order.executeBatch();
            item.executeBatch();
            payment.executeBatch();
            geo.executeBatch();
        }
        return count;
    }

    private static void payment(PreparedStatement ps, String order, int sequential, String type, int installments,
                                BigDecimal value) throws SQLException {
        ps.setString(1, order);
        ps.setInt(2, sequential);
        ps.setString(3, type);
        ps.setInt(4, installments);
        ps.setBigDecimal(5, value);
        ps.addBatch();
    }

    /**
     * Brings every order not yet final to its state at {@code to}: the steps of its lifecycle due by then (status and
     * timestamps), its review once created, the review's answer once given. Counts the orders whose row changed and
     * the reviews added or answered after {@code since}.
     */
    private Summary applyLifecycles(Instant since, Instant to) throws SQLException {
        int changed = 0;
        int reviews = 0;
        int answered = 0;
        List<String[]> open = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select o.order_id, o.order_status, o.order_purchase_timestamp,"
                     + " (select count(*) from " + schema + ".order_reviews v where v.order_id = o.order_id),"
                     + " (select count(*) from " + schema + ".order_reviews v where v.order_id = o.order_id"
                     + "  and v.review_answer_timestamp is null)"
                     + " from " + schema + ".orders o"
                     + " where o.order_status not in ('delivered', 'canceled', 'unavailable')"
                     + "    or not exists (select 1 from " + schema + ".order_reviews v where v.order_id = o.order_id"
                     + "                   and v.review_answer_timestamp is not null)"
                     + " order by o.order_id")) {
            while (rs.next()) {
                open.add(new String[]{rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDateTime.class).atZone(zone).toInstant().toString(),
                        rs.getString(4), rs.getString(5)});
            }
        }
        Random r = new Random(seed ^ to.getEpochSecond());
        try (PreparedStatement order = c.prepareStatement("update " + schema + ".orders set order_status = ?,"
                + " order_approved_at = ?, order_delivered_carrier_date = ?, order_delivered_customer_date = ?"
                + " where order_id = ?");
             PreparedStatement review = c.prepareStatement("insert into " + schema
                     + ".order_reviews values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement answer = c.prepareStatement("update " + schema
                     + ".order_reviews set review_answer_timestamp = ? where order_id = ? and review_answer_timestamp is null")) {
            String previousReview = null;
            for (String[] o : open) {
                String orderId = o[0];
                OrderLifecycle life = OrderLifecycle.of(seed, orderId, Instant.parse(o[2]), zone);
                String status = life.statusAt(to);
                boolean stepped = !status.equals(o[1]) || (life.fate() == OrderLifecycle.Fate.CANCELED
                        && OrderLifecycle.by(life.approved(), to) != null && OrderLifecycle.by(life.approved(), since) == null);
                if (stepped) {
                    order.setString(1, status);
                    order.setObject(2, local(OrderLifecycle.by(life.approved(), to)));
                    order.setObject(3, local(OrderLifecycle.by(life.carrier(), to)));
                    order.setObject(4, local(OrderLifecycle.by(life.delivered(), to)));
                    order.setString(5, orderId);
                    order.addBatch();
                    if (!Instant.parse(o[2]).isAfter(since)) {
                        changed++; // an order placed before this call (a new one is new, not changed)
                    }
                }
                Instant created = OrderLifecycle.by(life.reviewCreated(), to);
                if (created != null && "0".equals(o[3])) {
                    Instant answeredAt = OrderLifecycle.by(life.reviewAnswered(), to);
                    // about one review in 200 has the id of the review before it (the public data repeats ids)
                    String reviewId = previousReview != null && r.nextDouble() < 0.005 ? previousReview : hexId(r);
                    review.setString(1, reviewId);
                    review.setString(2, orderId);
                    int score = score(r);
                    review.setInt(3, score);
                    double t = r.nextDouble();
                    review.setString(4, t < 0.85 ? null : t < 0.88 ? "" : title(score));
                    review.setString(5, r.nextDouble() < 0.55 ? null : message(r, score));
                    review.setObject(6, local(created));
                    review.setObject(7, local(answeredAt));
                    review.addBatch();
                    previousReview = reviewId;
                    reviews++;
                } else if ("1".equals(o[4]) && OrderLifecycle.by(life.reviewAnswered(), to) != null) {
                    answer.setObject(1, local(life.reviewAnswered()));
                    answer.setString(2, orderId);
                    answer.addBatch();
                    answered++;
                }
            }
            order.executeBatch();
            review.executeBatch();
            answer.executeBatch();
        }
        return new Summary(0, changed, reviews, answered, to);
    }

    /** A few reviews of orders the shop does not have (the public data has them too). */
    private void insertOrphanReviews(Random r, Instant now) throws SQLException {
        try (PreparedStatement review = c.prepareStatement("insert into " + schema
                + ".order_reviews values (?, ?, ?, null, null, ?, ?)")) {
            for (int i = 0; i < 3; i++) {
                Instant created = now.minus(Duration.ofDays(5 + r.nextInt(30)));
                review.setString(1, hexId(r));
                review.setString(2, hexId(r));
                review.setInt(3, score(r));
                review.setObject(4, local(created.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant()));
                review.setObject(5, local(created.plus(Duration.ofHours(30))));
                review.addBatch();
            }
            review.executeBatch();
        }
    }

    private PreparedStatement geolocationInsert() throws SQLException {
        return c.prepareStatement("insert into " + schema + ".geolocation values (?, ?, ?, ?, ?) on conflict do nothing");
    }

    /** A few points of the zip prefix, added to the caller's batch. */
    private static void geolocation(PreparedStatement ps, Random r, String zip, String city, String state)
            throws SQLException {
        int rows = 1 + r.nextInt(3);
        double lat = -33 + r.nextDouble() * 30;
        double lng = -73 + r.nextDouble() * 38;
        for (int i = 0; i < rows; i++) {
            ps.setString(1, zip);
            ps.setDouble(2, lat + r.nextDouble() * 0.01);
            ps.setDouble(3, lng + r.nextDouble() * 0.01);
            // the public data spells a city in several ways under one prefix
            ps.setString(4, i == 2 ? city.toUpperCase(Locale.ROOT) : city.toLowerCase(Locale.ROOT));
            ps.setString(5, state);
            ps.addBatch();
        }
    }

    private static int score(Random r) {
        double s = r.nextDouble();
        return s < 0.58 ? 5 : s < 0.77 ? 4 : s < 0.85 ? 3 : s < 0.88 ? 2 : 1;
    }

    private static String title(int score) {
        return score >= 4 ? "recomendo" : score == 3 ? "razoável" : "não recomendo";
    }

    private static String message(Random r, int score) {
        String[] good = {"produto chegou antes do prazo", "muito bom, recomendo", "ótima qualidade", "tudo certo"};
        String[] bad = {"não recebi o produto", "veio com defeito", "atrasou muito", "produto diferente do anunciado"};
        return score >= 4 ? pick(r, good) : pick(r, bad);
    }

    private String personId(int n) {
        Random r = new Random(seed * 7919 + n);
        return hexId(r);
    }

    private static String hexId(Random r) {
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    /** A zip prefix of the state: São Paulo's start with 0 (kept as text, "01037"), the others do not. */
    private static String zip(Random r, String state) {
        return "SP".equals(state) ? String.format("%05d", 1000 + r.nextInt(9000)) : String.valueOf(20000 + r.nextInt(79000));
    }

    private static String city(Faker faker) {
        return faker.address().city().toLowerCase(Locale.ROOT);
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private List<String> ids(String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** A moment as the shop's local time (a LocalDateTime: never through java.sql.Timestamp and the machine's zone). */
    private LocalDateTime local(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), zone);
    }

    private static void setDecimal(PreparedStatement ps, int i, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.NUMERIC);
        } else {
            ps.setBigDecimal(i, value);
        }
    }

    private static void setBoolean(PreparedStatement ps, int i, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, value);
        }
    }
}
