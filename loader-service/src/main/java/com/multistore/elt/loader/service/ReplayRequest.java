package com.multistore.elt.loader.service;

import java.time.LocalDate;
import java.util.List;

/** {@code POST /replay}: a business date, optionally some stores and entities, and where to read (kafka|archive). */
public record ReplayRequest(LocalDate businessDate, List<String> stores, List<String> entities, String source) {
}
