package com.multistore.elt.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free local ports for the processes a test starts. A port is handed out once per JVM: the kernel may offer the same
 * free port again before the process it was given to has bound it (a child service boots for seconds), and two
 * children on one port would answer each other's readiness checks. Ports come from below the kernel's ephemeral
 * range ({@code net.ipv4.ip_local_port_range}): a port from inside it can be taken meanwhile as the local end of
 * any outgoing connection (a Kafka or JDBC client), and the child then fails to bind it.
 */
public final class Ports {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int LOWEST = 15000;

    private Ports() {
    }

    public static int free() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < 2000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (HANDED_OUT.contains(port) || !bindable(port)) {
                continue;
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + (below - 1) + " after 2000 tries");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (32768 when it cannot be read, Linux's default). */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }
}
