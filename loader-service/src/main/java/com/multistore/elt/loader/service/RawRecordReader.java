package com.multistore.elt.loader.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.service.store.StoresConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a {@code RawRecord} from the bytes of a raw topic (or an archive line) and checks what staging needs:
 * valid JSON, run id, store, gid, entity (matching the topic), extractedAt, an object payload and the business date
 * (a record of the older format without {@code businessDate} takes its Kafka timestamp's date in the store's configured
 * time zone; without that zone it cannot be dated and is refused). Anything else is
 * a {@link Rejection} naming the first problem found. It streams over the bytes once and keeps the payload's own
 * text (no tree is built and nothing is re-serialized: the payload is staged exactly as the extractor sent it).
 */
@ApplicationScoped
public class RawRecordReader {

    private static final String PAYLOAD = "payload";
    private final JsonFactory json = EventJson.mapper().getFactory();

    @Inject
    StoresConfig stores;

    public ReadRecord read(SourceRecord source) {
        Entity topicEntity = topicEntity(source.topic());
        byte[] bytes = source.value();
        if (bytes == null || bytes.length == 0) {
            return new Rejection(source, null, null, topicEntity, new InvalidRawRecordException("the record has no value"));
        }
        Map<String, String> fields = new HashMap<>();
        String payload;
        try {
            payload = scan(bytes, fields);
        } catch (IOException e) {
            return new Rejection(source, null, null, topicEntity,
                    new InvalidRawRecordException("not valid JSON: " + firstLine(e.getMessage())));
        } catch (InvalidRawRecordException e) {
            return new Rejection(source, null, null, topicEntity, e);
        }
        String runId = fields.get("runId");
        String store = fields.get("store");
        String gid = fields.get("gid");
        String entityCode = fields.get("entity");
        Entity entity = topicEntity;
        try {
            if (entityCode != null) {
                entity = Entity.fromCode(entityCode);
            }
            require(runId, "runId");
            require(store, "store");
            require(gid, "gid");
            require(entityCode, "entity");
            if (topicEntity != null && entity != topicEntity) {
                throw new InvalidRawRecordException("entity '" + entity.code() + "' on topic " + source.topic());
            }
            Instant extractedAt = instant(fields, "extractedAt");
            if (extractedAt == null) {
                throw new InvalidRawRecordException("missing extractedAt");
            }
            if (payload == null) {
                throw new InvalidRawRecordException("payload is missing or not a JSON object");
            }
            return new StageableRecord(source, runId, store, entity, gid, businessDate(fields, store, source),
                    instant(fields, "sourceUpdatedAt"), extractedAt, payload);
        } catch (InvalidRawRecordException | IllegalArgumentException e) {
            Exception error = e instanceof InvalidRawRecordException ? e : new InvalidRawRecordException(e.getMessage());
            // counted in the load of the topic it came on, whatever entity its body claims
            return new Rejection(source, runId, store, topicEntity != null ? topicEntity : entity, error);
        }
    }

    /** Collects the top-level string fields and returns the payload object's text (null when absent). */
    private String scan(byte[] bytes, Map<String, String> fields) throws IOException {
        String payload = null;
        try (JsonParser parser = json.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRawRecordException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (PAYLOAD.equals(name)) {
                    payload = null;
                    if (value == JsonToken.START_OBJECT) {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentLocation().getByteOffset();
                        payload = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                    } else {
                        parser.skipChildren();
                    }
                } else if (value == JsonToken.VALUE_STRING) {
                    String text = parser.getText();
                    if (text.isBlank()) {
                        fields.remove(name);
                    } else {
                        fields.put(name, text);
                    }
                } else {
                    fields.remove(name);
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidRawRecordException("content after the JSON object");
            }
        }
        return payload;
    }

    private static Entity topicEntity(String topic) {
        try {
            return Entity.fromRawTopic(topic);
        } catch (IllegalArgumentException notRaw) {
            return null;
        }
    }

    private static void require(String value, String field) {
        if (value == null) {
            throw new InvalidRawRecordException("missing " + field);
        }
    }

    private static Instant instant(Map<String, String> fields, String field) {
        String text = fields.get(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRawRecordException(field + " is not an ISO-8601 instant: '" + abbreviate(text) + "'");
        }
    }

    private LocalDate businessDate(Map<String, String> fields, String store, SourceRecord source) {
        String text = fields.get("businessDate");
        if (text != null) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidRawRecordException("businessDate is not an ISO-8601 date: '" + abbreviate(text) + "'");
            }
        }
        StoresConfig.Store configured = stores.all().get(store);
        if (configured == null) {
            throw new InvalidRawRecordException("no businessDate, and store '" + store + "' has no configured time zone"
                    + " (pipeline.stores." + store + ".time-zone) to date it by");
        }
        return Instant.ofEpochMilli(source.timestamp()).atZone(configured.timeZone()).toLocalDate();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
