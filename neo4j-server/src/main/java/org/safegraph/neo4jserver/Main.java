package org.safegraph.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts an embedded Neo4j DBMS with Bolt on 127.0.0.1, authentication disabled.
 *
 * <p>Usage: {@code Main [--port N] [--data DIR]}. Without --port a free port is chosen; without
 * --data the data lives in a temporary folder that is deleted on exit. Once Bolt accepts
 * connections, exactly one line {@code bolt://127.0.0.1:PORT} is printed to stdout; the launcher's
 * messages go to stderr, Neo4j's own logs to DIR/logs/. The DBMS is shut down cleanly on SIGTERM/SIGINT
 * and, when stdin is a pipe or socket, when stdin reaches end of file (so it dies with its parent).
 */
public final class Main {
    private static final String HELP = String.join("\n",
            "usage: neo4j-server [--port N] [--data DIR]",
            "Starts an embedded Neo4j (Community) DBMS with Bolt on 127.0.0.1 and authentication",
            "disabled (loopback only). Prints one line bolt://127.0.0.1:PORT to stdout when ready.",
            "  --port N    Bolt port (default: a free port chosen by the OS)",
            "  --data DIR  Neo4j home/data folder to use and keep (default: a temporary folder,",
            "              deleted on exit)",
            "Stops cleanly on SIGTERM/SIGINT, and on end of stdin when stdin is a pipe.");

    private static volatile DatabaseManagementService dbms;

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--data" -> dataDir = Paths.get(value(args, ++i, "--data"));
                case "-h", "--help" -> {
                    System.out.println(HELP);
                    return;
                }
                default -> fail("unknown argument: " + args[i] + "\n" + HELP);
            }
        }

        // stdout carries only the bolt:// line; anything Neo4j prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        boolean temporary = dataDir == null;
        Path home = temporary ? Files.createTempDirectory("safegraph-neo4j-") : dataDir.toAbsolutePath();
        Files.createDirectories(home);
        log("data folder " + home + (temporary ? " (temporary, deleted on exit)" : ""));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(home, temporary), "neo4j-server-shutdown"));

        long started = System.nanoTime();
        try {
            start(home, port);
        } catch (Exception e) {
            e.printStackTrace();
            fail("could not start Neo4j: " + e.getMessage()); // exits; the hook cleans up
        }
        int boltPort = boltPort();
        awaitListening(boltPort);
        log(String.format("ready in %.1f s", (System.nanoTime() - started) / 1e9));

        stdout.println("bolt://127.0.0.1:" + boltPort);
        stdout.flush();

        if (stdinIsPipe()) {
            Thread watcher = new Thread(Main::exitOnStdinEof, "neo4j-server-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        new CountDownLatch(1).await(); // run until a signal or System.exit
    }

    private static void start(Path home, int port) {
        dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt stops after the databases; its default 2 x 5 s grace period only delays exit.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ZERO)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO)
                .build();

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(120_000)) {
            throw new IllegalStateException("database '" + db.databaseName() + "' did not become available");
        }
    }

    /** The port Bolt actually listens on (differs from the configured one when that was 0). */
    private static int boltPort() {
        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        return system.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("--port needs a number from 0 to 65535, not '" + text + "'");
        return -1;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a value");
        }
        return args[i];
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    fail("Bolt is not accepting connections on port " + port + ": " + e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** True when stdin is a pipe or socket (Linux), i.e. a parent process holds its other end. */
    private static boolean stdinIsPipe() {
        try {
            String target = Files.readSymbolicLink(Paths.get("/proc/self/fd/0")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void exitOnStdinEof() {
        byte[] buffer = new byte[1024];
        try (InputStream in = System.in) {
            while (in.read(buffer) != -1) {
                // discard input; only its end matters
            }
        } catch (IOException e) {
            // treat a broken stdin like its end
        }
        log("stdin closed, shutting down");
        System.exit(0);
    }

    private static void stop(Path home, boolean temporary) {
        long started = System.nanoTime();
        DatabaseManagementService service = dbms;
        if (service != null) {
            try {
                service.shutdown();
            } catch (RuntimeException e) {
                log("error during shutdown: " + e);
            }
        }
        if (temporary) {
            deleteTree(home);
        }
        log(String.format("stopped in %.1f s", (System.nanoTime() - started) / 1e9));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("could not delete " + root + ": " + e);
        }
    }

    private static void log(String message) {
        System.err.println("neo4j-server: " + message);
        System.err.flush();
    }

    private static void fail(String message) {
        log(message);
        System.exit(2);
    }
}
