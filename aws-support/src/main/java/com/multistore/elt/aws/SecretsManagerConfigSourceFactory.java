package com.multistore.elt.aws;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Any configuration property can come from AWS Secrets Manager, named in either form:
 * {@code pipeline.secrets.properties."<property>"=<secret-id>#<json-key>} in a properties file (e.g.
 * {@code pipeline.secrets.properties."quarkus.datasource.password"=prod/shopify/db_creds#password}), or the list
 * {@code pipeline.secrets.map=<property>=<secret-id>#<json-key>,...} (environment: {@code PIPELINE_SECRETS_MAP}). The secrets are read once at start-up, with the {@code aws.*} settings
 * ({@link AwsSettings}); their values form a configuration source of ordinal {@value #ORDINAL}: above the
 * application's and the host's properties files, below environment variables and system properties, so each secret can
 * still be overridden from the environment. A secret that cannot be read stops the start-up, naming the secret and
 * the key (never a value). Without any {@code pipeline.secrets.properties.*} no AWS call is made.
 */
public class SecretsManagerConfigSourceFactory implements ConfigSourceFactory {

    public static final String PREFIX = "pipeline.secrets.properties.";
    public static final String MAP = "pipeline.secrets.map";
    public static final int ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> references = new TreeMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                ConfigValue reference = context.getValue(name);
                if (reference != null && reference.getValue() != null && !reference.getValue().isBlank()) {
                    references.put(unquote(name.substring(PREFIX.length())), reference.getValue().trim());
                }
            }
        }
        ConfigValue map = context.getValue(MAP);
        if (map != null && map.getValue() != null) {
            for (String entry : map.getValue().split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                if (equals <= 0 || equals == entry.trim().length() - 1) {
                    throw new IllegalStateException(MAP + ": '" + entry.trim() + "' is not <property>=<secret-id>#<json-key>");
                }
                references.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
            }
        }
        if (references.isEmpty()) {
            return List.of();
        }
        AwsSettings settings = new AwsSettings(key -> Optional.ofNullable(context.getValue(key))
                .map(ConfigValue::getValue));
        Map<String, String> values = new TreeMap<>();
        try (SdkHttpClient http = settings.httpClient();
             SecretsManagerClient client = settings.configure(SecretsManagerClient.builder(), "secretsmanager", http)
                     .build()) {
            SecretsManagerSecrets secrets = new SecretsManagerSecrets(client, Duration.ofMinutes(1));
            references.forEach((property, reference) -> {
                try {
                    values.put(property, secrets.value(reference));
                } catch (SecretsManagerSecrets.SecretUnavailable e) {
                    throw new IllegalStateException(PREFIX + "\"" + property + "\": " + e.getMessage(), e);
                }
            });
        }
        return List.of(new PropertiesConfigSource(values, "AWS Secrets Manager (" + PREFIX + "*)", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}
