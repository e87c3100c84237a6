package com.multistore.elt.simulator.graphql;

import graphql.schema.DataFetchingEnvironment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A metafield of an order (the bakery's custom.* fields). */
public final class MetafieldView implements Typed {
    private final long id;
    private final String namespace;
    private final String key;
    private final String type;
    private final String value;
    private final long createdAt;
    private final String ownerType;

    public MetafieldView(long id, String namespace, String key, String type, String value, long createdAt, String ownerType) {
        this.id = id;
        this.namespace = namespace;
        this.key = key;
        this.type = type;
        this.value = value;
        this.createdAt = createdAt;
        this.ownerType = ownerType;
    }

    @Override
    public String typeName() {
        return "Metafield";
    }

    public long rawId() {
        return id;
    }

    public String id() {
        return Values.gid("Metafield", id);
    }

    public String legacyResourceId() {
        return String.valueOf(id);
    }

    public String namespace() {
        return namespace;
    }

    public String key() {
        return key;
    }

    public String type() {
        return type;
    }

    public String value() {
        return value;
    }

    public Object jsonValue() {
        return value;
    }

    public String createdAt() {
        return Values.time(createdAt);
    }

    public String updatedAt() {
        return Values.time(createdAt);
    }

    public String ownerType() {
        return ownerType;
    }

    public String compareDigest() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** metafields(namespace, keys, first, ...) over a list of an owner's metafields. */
    public static Object connection(DataFetchingEnvironment env, List<MetafieldView> all) {
        String ns = env.getArgument("namespace");
        List<String> keys = env.getArgument("keys");
        List<MetafieldView> selected = all.stream()
                .filter(m -> ns == null || ns.equals(m.namespace))
                .filter(m -> keys == null || keys.contains(m.namespace + "." + m.key) || keys.contains(m.key))
                .toList();
        return Connections.list(env, selected, MetafieldView::rawId, m -> m);
    }

    /** metafield(namespace, key): namespace defaults to the app's own ($app) namespace, which holds nothing here. */
    public static MetafieldView single(DataFetchingEnvironment env, List<MetafieldView> all) {
        String ns = env.getArgument("namespace");
        String key = env.getArgument("key");
        String wantedNs = ns != null ? ns : key.contains(".") ? key.substring(0, key.indexOf('.')) : null;
        String wantedKey = ns == null && key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
        for (MetafieldView m : all) {
            if (m.namespace.equals(wantedNs) && m.key.equals(wantedKey)) {
                return m;
            }
        }
        return null;
    }
}
