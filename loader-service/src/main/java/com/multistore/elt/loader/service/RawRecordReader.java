package com.multistore.elt.loader.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code RawRecord} from the bytes of a raw topic (or an archive line) and checks what staging needs:
 * valid JSON, run id, store, gid, entity (matching the topic), extractedAt and an object payload. Anything else is
 * a {@link Rejection} naming the first problem found.
 */
@ApplicationScoped
public class RawRecordReader {

    private final ObjectMapper mapper = EventJson.mapper();

    public ReadRecord read(SourceRecord source) {
        Entity topicEntity = topicEntity(source.topic());
        if (source.value() == null || source.value().length == 0) {
            return new Rejection(source, null, null, topicEntity, new InvalidRawRecordException("the record has no value"));
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(source.value());
        } catch (java.io.IOException e) {
            return new Rejection(source, null, null, topicEntity,
                    new InvalidRawRecordException("not valid JSON: " + firstLine(e.getMessage())));
        }
        if (!(tree instanceof ObjectNode node)) {
            return new Rejection(source, null, null, topicEntity, new InvalidRawRecordException("not a JSON object"));
        }
        String runId = text(node, "runId");
        String store = text(node, "store");
        String gid = text(node, "gid");
        String entityCode = text(node, "entity");
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
            Instant extractedAt = instant(node, "extractedAt");
            if (extractedAt == null) {
                throw new InvalidRawRecordException("missing extractedAt");
            }
            JsonNode payload = node.get("payload");
            if (payload == null || !payload.isObject()) {
                throw new InvalidRawRecordException("payload is missing or not a JSON object");
            }
            return new StageableRecord(source, runId, store, entity, gid, instant(node, "sourceUpdatedAt"), extractedAt,
                    mapper.writeValueAsString(payload), node);
        } catch (InvalidRawRecordException | IllegalArgumentException | JsonProcessingException e) {
            Exception error = e instanceof InvalidRawRecordException ? e : new InvalidRawRecordException(e.getMessage());
            return new Rejection(source, runId, store, entity, error);
        }
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

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static Instant instant(ObjectNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRawRecordException(field + " is not an ISO-8601 instant: '" + abbreviate(text) + "'");
        }
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
