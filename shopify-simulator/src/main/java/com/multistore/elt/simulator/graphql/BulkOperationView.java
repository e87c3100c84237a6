package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.service.BulkOperation;

/** The BulkOperation object; counts and sizes are UnsignedInt64, sent as JSON strings. */
public final class BulkOperationView implements Typed {
    private final BulkOperation op;

    public BulkOperationView(BulkOperation op) {
        this.op = op;
    }

    @Override
    public String typeName() {
        return "BulkOperation";
    }

    public String id() {
        return Values.gid("BulkOperation", op.id);
    }

    public String status() {
        return op.status;
    }

    public String errorCode() {
        return op.errorCode;
    }

    public String createdAt() {
        return Values.time(op.createdAt);
    }

    public String completedAt() {
        return Values.timeOrNull(op.completedAt);
    }

    public String objectCount() {
        return String.valueOf(op.objectCount.get());
    }

    public String rootObjectCount() {
        return String.valueOf(op.rootObjectCount.get());
    }

    public String fileSize() {
        return op.fileSize == null ? null : String.valueOf(op.fileSize);
    }

    public String url() {
        return op.url;
    }

    public String partialDataUrl() {
        return op.partialDataUrl;
    }

    public String query() {
        return op.query;
    }

    public String type() {
        return op.type;
    }
}
