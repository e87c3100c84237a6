import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.serialization.*;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

/** Produces a RawRecord JSONL file to the raw topics (key store/gid), then prints the end offsets per topic. */
public class ProduceJsonl {
    public static void main(String[] args) throws Exception {
        Pattern store = Pattern.compile("\"store\":\"([^\"]+)\""), entity = Pattern.compile("\"entity\":\"([^\"]+)\""),
                gid = Pattern.compile("\"gid\":\"([^\"]+)\"");
        Map<String, Object> cfg = Map.of("bootstrap.servers", args[0], "acks", "all", "linger.ms", 10, "batch.size", 262144);
        long n = 0;
        try (var p = new KafkaProducer<>(cfg, new StringSerializer(), new ByteArraySerializer());
             var lines = Files.lines(Path.of(args[1]))) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher s = store.matcher(line), e = entity.matcher(line), g = gid.matcher(line);
                s.find(); e.find(); g.find();
                p.send(new ProducerRecord<>("shopify." + e.group(1) + ".raw", s.group(1) + "/" + g.group(1), line.getBytes()));
                n++;
            }
            p.flush();
        }
        System.out.println("produced " + n);
    }
}
