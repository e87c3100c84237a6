package com.multistore.elt.simulator.model;

/** A location holding stock; index = its position in every variant's stock arrays. */
public final class LocationRecord extends Entity {
    public final int index;
    public final String name;
    public final String city;
    public final String countryCode;

    public LocationRecord(long id, long createdAt, int index, String name, String city, String countryCode) {
        super(id, createdAt, createdAt);
        this.index = index;
        this.name = name;
        this.city = city;
        this.countryCode = countryCode;
    }
}
