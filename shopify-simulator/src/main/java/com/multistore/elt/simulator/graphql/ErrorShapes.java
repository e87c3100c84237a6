package com.multistore.elt.simulator.graphql;

import graphql.GraphQLError;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** graphql-java's errors rewritten in the words and codes Shopify's (graphql-ruby) API uses. */
public final class ErrorShapes {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private ErrorShapes() {
    }

    public static Map<String, Object> validation(ValidationError e) {
        List<String> path = e.getQueryPath() == null ? List.of() : e.getQueryPath();
        String field = path.isEmpty() ? "" : path.get(path.size() - 1);
        List<String> quoted = quoted(e.getDescription() != null ? e.getDescription() : e.getMessage());
        String message;
        Map<String, Object> ext = new LinkedHashMap<>();
        ValidationErrorType type = e.getValidationErrorType() instanceof ValidationErrorType t ? t : null;
        if (type == ValidationErrorType.FieldUndefined && quoted.size() >= 2) {
            message = "Field '" + quoted.get(0) + "' doesn't exist on type '" + quoted.get(1) + "'";
            ext.put("code", "undefinedField");
            ext.put("typeName", quoted.get(1));
            ext.put("fieldName", quoted.get(0));
        } else if (type == ValidationErrorType.UnknownArgument && !quoted.isEmpty()) {
            message = "Field '" + field + "' doesn't accept argument '" + quoted.get(0) + "'";
            ext.put("code", "argumentNotAccepted");
            ext.put("name", field);
            ext.put("typeName", "Field");
            ext.put("argumentName", quoted.get(0));
        } else if (type == ValidationErrorType.MissingFieldArgument && !quoted.isEmpty()) {
            message = "Field '" + field + "' is missing required arguments: " + quoted.get(0);
            ext.put("code", "missingRequiredArguments");
            ext.put("className", "Field");
            ext.put("name", field);
            ext.put("arguments", quoted.get(0));
        } else if (type == ValidationErrorType.SubselectionRequired && quoted.size() >= 2) {
            String typeName = quoted.get(0).replaceAll("[\\[\\]!]", "");
            message = "Field '" + quoted.get(1) + "' of type '" + typeName + "' must have a selection of subfields";
            ext.put("code", "selectionMismatch");
            ext.put("nodeName", "field '" + quoted.get(1) + "'");
            ext.put("typeName", typeName);
        } else if (type == ValidationErrorType.SubselectionNotAllowed && quoted.size() >= 2) {
            message = "Selections can't be made on scalars (field '" + quoted.get(1) + "' returns " + quoted.get(0)
                    + " but has selections)";
            ext.put("code", "selectionMismatch");
            ext.put("nodeName", "field '" + quoted.get(1) + "'");
            ext.put("typeName", quoted.get(0));
        } else if (type == ValidationErrorType.UnknownType && !quoted.isEmpty()) {
            message = "No such type " + quoted.get(0) + ", so it can't be a fragment condition";
            ext.put("code", "undefinedType");
            ext.put("typeName", quoted.get(0));
        } else {
            String d = e.getDescription() != null ? e.getDescription() : e.getMessage();
            message = d.replaceFirst("^Validation error \\([^)]*\\) : ", "");
            ext.put("code", type == ValidationErrorType.WrongType ? "argumentLiteralsIncompatible" : "validationError");
        }
        List<Object> fullPath = new ArrayList<>();
        fullPath.add("query");
        fullPath.addAll(path);
        return error(message, e.getLocations(), fullPath, ext);
    }

    public static Map<String, Object> syntax(String message, List<SourceLocation> locations) {
        return error(message, locations, null, Map.of());
    }

    /** An execution error (graphql-java's) in Shopify's shape: message, locations, path, extensions. */
    public static Map<String, Object> execution(GraphQLError e) {
        return error(e.getMessage(), e.getLocations(), e.getPath(), e.getExtensions());
    }

    public static Map<String, Object> error(String message, List<SourceLocation> locations, List<Object> path,
                                            Map<String, Object> extensions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", message);
        if (locations != null && !locations.isEmpty()) {
            List<Map<String, Object>> locs = new ArrayList<>();
            for (SourceLocation l : locations) {
                locs.add(Map.of("line", l.getLine(), "column", l.getColumn()));
            }
            m.put("locations", locs);
        }
        if (path != null) {
            m.put("path", path);
        }
        if (extensions != null && !extensions.isEmpty()) {
            m.put("extensions", extensions);
        }
        return m;
    }

    private static List<String> quoted(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
