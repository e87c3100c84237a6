package com.multistore.elt.service.security;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST resource or method as an admin endpoint (runs, replay, instance start/stop): it answers only to
 * {@code Authorization: Bearer <pipeline.admin.token>}. Health and metrics are never marked.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
