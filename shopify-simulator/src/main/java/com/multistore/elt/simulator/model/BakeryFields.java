package com.multistore.elt.simulator.model;

/** The bakery's order metafields: custom.order_type|event_datetime|flavor|theme|request_id. */
public record BakeryFields(String orderType, String eventDatetime, String flavor, String theme, String requestId) {
    public static final String[] KEYS = {"order_type", "event_datetime", "flavor", "theme", "request_id"};
    public static final String[] TYPES = {"single_line_text_field", "date_time", "single_line_text_field",
            "single_line_text_field", "single_line_text_field"};

    public String value(int k) {
        return switch (k) {
            case 0 -> orderType;
            case 1 -> eventDatetime;
            case 2 -> flavor;
            case 3 -> theme;
            default -> requestId;
        };
    }
}
