import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks .env.example against the services' own configuration: every key (commented defaults included) binds through
 * SmallRye Config's environment rules to the services' @ConfigMapping interfaces (values convert: zones, durations,
 * enums, URIs), every key is one a service or compose reads (an unknown environment name is silently ignored by the
 * services, so a typo would otherwise go unnoticed), and at least one store is configured, each with the keys the
 * shared store mapping requires (time zone, channel) and an address and a token for the extractor. Run by deploy/compose-check.sh; args: the .env.example path, a file of extra property names.
 */
public final class EnvExampleCheck {

    private static final Pattern LINE = Pattern.compile("^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$");
    private static final List<Class<?>> MAPPINGS = List.of(
            com.multistore.elt.service.store.StoresConfig.class,
            com.multistore.elt.service.clock.ClockConfig.class,
            com.multistore.elt.extractor.config.ExtractConfig.class,
            com.multistore.elt.extractor.config.ScheduleConfig.class,
            com.multistore.elt.extractor.config.ShopifyClientConfig.class,
            com.multistore.elt.loader.config.LoaderConfig.class,
            com.multistore.elt.transformer.config.TransformerConfig.class,
            com.multistore.elt.transformer.config.BakeryConfig.class,
            com.multistore.elt.transformer.config.DataQualityConfig.class,
            com.multistore.elt.notifier.config.NotifierConfig.class,
            com.multistore.elt.infra.config.InfraConfig.class);

    public static void main(String[] args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> composeOnly = new TreeSet<>();
        boolean composeSection = false;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("# ----")) {
                composeSection = line.contains("compose only");
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (composeSection) {
                composeOnly.add(m.group(1));
            } else {
                // empty values (secrets, ids to fill in) get a stand-in so that required keys bind
                env.put(m.group(1), m.group(2).isEmpty() ? "stand-in" : m.group(2));
            }
        }

        List<Pattern> known = new ArrayList<>();
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300))
                .withValidateUnknown(false);
        for (Class<?> mapping : MAPPINGS) {
            builder.withMapping(mapping);
            ConfigClass configClass = ConfigClass.configClass(mapping);
            configClass.getProperties().keySet().forEach(name -> known.add(envPattern(name)));
        }
        for (String name : Files.readAllLines(Path.of(args[1]))) {
            if (!name.isBlank()) {
                known.add(envPattern(name.trim()));
            }
        }
        SmallRyeConfig config = builder.build(); // fails here when a value does not convert

        Set<String> unknown = new TreeSet<>();
        for (String key : env.keySet()) {
            if (known.stream().noneMatch(p -> p.matcher(key).matches())) {
                unknown.add(key);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("keys no service reads: " + unknown);
        }
        var stores = config.getConfigMapping(com.multistore.elt.service.store.StoresConfig.class);
        Set<String> storeCodes = new TreeSet<>(stores.all().keySet());
        if (storeCodes.isEmpty()) {
            problems.add("no store configured (PIPELINE_STORES_<CODE>_TIME_ZONE, _CHANNEL, ...)");
        }
        problems.addAll(com.multistore.elt.service.store.StoreSettingsCheck.problems(stores, true));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("env-check: FAILED: " + p));
            System.exit(1);
        }
        System.out.println("env-check: OK: " + env.size() + " service keys bind to the services' configuration, "
                + composeOnly.size() + " compose keys; stores " + storeCodes);
    }

    /** pipeline.stores.*.access-token -> PIPELINE_STORES_[A-Z0-9]+_ACCESS_TOKEN */
    private static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (String segment : property.split("\\.")) {
            if (regex.length() > 0) {
                regex.append('_');
            }
            regex.append(segment.equals("*") ? "[A-Z0-9]+"
                    : Pattern.quote(segment.replace('-', '_').replace("\"", "").toUpperCase()));
        }
        return Pattern.compile(regex.toString());
    }
}
