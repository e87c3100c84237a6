package com.multistore.elt.simulator.model;

/** A customer; the e-mail is stored as the shop has it (shared customers differ in case/whitespace by shop). */
public final class CustomerRecord extends Entity {
    public final String firstName;
    public final String lastName;
    public final String email;
    public final byte state;
    public final byte tags;
    public final boolean verifiedEmail;
    public volatile long numberOfOrders;
    public volatile long amountSpentCents;

    public CustomerRecord(long id, long createdAt, long updatedAt, String firstName, String lastName, String email,
                          byte state, byte tags, boolean verifiedEmail) {
        super(id, createdAt, updatedAt);
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
        this.state = state;
        this.tags = tags;
        this.verifiedEmail = verifiedEmail;
    }

    public static final String[] STATES = {"ENABLED", "DISABLED", "INVITED", "DECLINED"};
    public static final String[][] TAG_SETS = {{}, {"newsletter"}, {"vip"}, {"wholesale"}, {"returning", "vip"}};
}
