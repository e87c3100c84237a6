package com.multistore.elt.simulator.service;

import java.util.List;
import java.util.regex.Pattern;

/** Shopify's version handles: a supported one is served as is; a retired (older) one falls forward to the oldest supported. */
public final class ApiVersions {
    private static final Pattern HANDLE = Pattern.compile("\\d{4}-(01|04|07|10)|unstable");

    private ApiVersions() {
    }

    /** The version that serves the request, or null when the handle does not exist (404). */
    public static String effective(String requested, List<String> supported) {
        if (requested == null || !HANDLE.matcher(requested).matches()) {
            return null;
        }
        List<String> sorted = supported.stream().sorted().toList();
        if (requested.equals("unstable") || sorted.contains(requested)) {
            return requested;
        }
        return requested.compareTo(sorted.get(0)) < 0 ? sorted.get(0) : null;
    }

    /** True when {@code version} is {@code from} or newer (unstable counts as newest). */
    public static boolean atLeast(String version, String from) {
        return version.equals("unstable") || version.compareTo(from) >= 0;
    }
}
