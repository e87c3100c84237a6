package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.LineRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.VariantRecord;

/** One line of an order; variant and product are null once the product was deleted (as in Shopify). */
public final class LineItemView implements Typed {
    private final ShopSession s;
    private final OrderRecord o;
    private final int index;
    private final LineRecord l;

    public LineItemView(ShopSession s, OrderRecord o, int index) {
        this.s = s;
        this.o = o;
        this.index = index;
        this.l = o.lines[index];
    }

    @Override
    public String typeName() {
        return "LineItem";
    }

    long rawId() {
        return l.id();
    }

    LineRecord line() {
        return l;
    }

    private Values.MoneyBag bag(long cents) {
        return Values.bag(cents, s.currency(), o.presentmentCurrency, o.presentmentRatePpm);
    }

    private VariantRecord catalogueVariant() {
        return s.data.catalogue.get(l.variantIndex());
    }

    private ProductRecord catalogueProduct() {
        VariantRecord v = catalogueVariant();
        ProductRecord p = s.data.products.get(v.productId);
        return p;
    }

    public String id() {
        return Values.gid("LineItem", l.id());
    }

    public String name() {
        return title() + " - " + catalogueVariant().title;
    }

    public String title() {
        ProductRecord p = catalogueProduct();
        return p != null ? p.title : "Deleted product";
    }

    public String variantTitle() {
        return catalogueVariant().title;
    }

    public String vendor() {
        ProductRecord p = catalogueProduct();
        return p != null ? p.vendor : null;
    }

    public String sku() {
        return catalogueVariant().sku;
    }

    public int quantity() {
        return l.quantity();
    }

    /** Quantity after removals: refunded lines and cancelled orders count 0. */
    static int currentQuantity(OrderRecord o, int index) {
        return o.currentQuantity(index);
    }

    public int currentQuantity() {
        return currentQuantity(o, index);
    }

    public int refundableQuantity() {
        return currentQuantity();
    }

    public int unfulfilledQuantity() {
        return o.fulfillmentStatus == 2 ? 0 : currentQuantity();
    }

    public boolean requiresShipping() {
        return !s.data.bakery;
    }

    public boolean taxable() {
        return true;
    }

    public boolean restockable() {
        return currentQuantity() > 0;
    }

    public VariantView variant() {
        VariantRecord v = s.data.liveVariant(l.variantIndex());
        return v == null ? null : new VariantView(s, v);
    }

    public ProductView product() {
        VariantRecord v = s.data.liveVariant(l.variantIndex());
        ProductRecord p = v == null ? null : s.data.products.get(v.productId);
        return p == null ? null : new ProductView(s, p);
    }

    public Values.MoneyBag originalUnitPriceSet() {
        return bag(l.unitCents());
    }

    public Values.MoneyBag discountedUnitPriceSet() {
        return bag(Math.round((l.totalCents() - l.discountCents()) / (double) l.quantity()));
    }

    public Values.MoneyBag discountedUnitPriceAfterAllDiscountsSet() {
        return discountedUnitPriceSet();
    }

    public Values.MoneyBag totalDiscountSet() {
        return bag(l.discountCents());
    }

    public Values.MoneyBag originalTotalSet() {
        return bag(l.totalCents());
    }

    public Values.MoneyBag discountedTotalSet() {
        return bag(l.totalCents() - l.discountCents());
    }

    public Values.MoneyBag unfulfilledOriginalTotalSet() {
        return bag(o.fulfillmentStatus == 2 ? 0 : l.totalCents());
    }

    public Values.MoneyBag unfulfilledDiscountedTotalSet() {
        return bag(o.fulfillmentStatus == 2 ? 0 : l.totalCents() - l.discountCents());
    }
}
