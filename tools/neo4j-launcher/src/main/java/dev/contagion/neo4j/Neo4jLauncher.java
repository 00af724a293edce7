/*
 * contagion local Neo4j launcher: runs a real Neo4j 5.26 DBMS in this JVM (Bolt + HTTP +
 * Neo4j Browser + APOC core) on a persistent home directory, without Docker.
 *
 * Options (argument, else environment variable, else default):
 *   --home DIR        NEO4J_HOME_DIR    <repo>/.neo4j
 *   --conf FILE       NEO4J_CONF        tools/neo4j-launcher/neo4j.conf
 *   --plugins DIR     NEO4J_PLUGIN_DIR  tools/neo4j-launcher/target/plugins
 *   --bolt-port N     NEO4J_BOLT_PORT   7687
 *   --http-port N     NEO4J_HTTP_PORT   7474
 *   --password PW     NEO4J_PASSWORD    contagion-dev   (user neo4j)
 *
 * Prints one line "READY bolt://host:port http://host:port/browser/" on stdout once the
 * DBMS is up, writes <home>/run/neo4j.pid, and shuts the DBMS down cleanly on SIGTERM/SIGINT.
 *
 * File access is confined in code, whatever the conf file says: LOAD CSV reads file URLs only
 * under <home>/import (server.directories.import), as the Neo4j Docker image does.
 */
package dev.contagion.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.log4j.Log4jLogProvider;

public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path launcherDir = launcherDir();
        Path repo = launcherDir.getParent().getParent();

        Path home = Path.of(opt(opts, "home", "NEO4J_HOME_DIR", repo.resolve(".neo4j").toString())).toAbsolutePath().normalize();
        Path conf = Path.of(opt(opts, "conf", "NEO4J_CONF", launcherDir.resolve("neo4j.conf").toString())).toAbsolutePath();
        Path plugins = Path.of(opt(opts, "plugins", "NEO4J_PLUGIN_DIR", launcherDir.resolve("target/plugins").toString())).toAbsolutePath();
        int boltPort = port(opt(opts, "bolt-port", "NEO4J_BOLT_PORT", "7687"));
        int httpPort = port(opt(opts, "http-port", "NEO4J_HTTP_PORT", "7474"));
        String password = opt(opts, "password", "NEO4J_PASSWORD", "contagion-dev");
        if (password.length() < 8) fail("NEO4J_PASSWORD must be at least 8 characters");

        Files.createDirectories(home.resolve("run"));
        Path importDir = home.resolve("import");
        Files.createDirectories(importDir);
        Path pidFile = home.resolve("run/neo4j.pid");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (Files.isRegularFile(conf)) builder.loadPropertiesFromFile(conf);
        builder.setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(HttpConnector.enabled, true)
                .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setUserLogProvider(new Log4jLogProvider(System.out));

        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (RuntimeException e) {
            e.printStackTrace();
            fail("Neo4j failed to start (home " + home + "): " + rootMessage(e));
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Neo4j ...");
            dbms.shutdown();
            try { Files.deleteIfExists(pidFile); } catch (Exception ignored) { }
            System.out.println("STOPPED");
        }, "neo4j-shutdown"));

        setPassword(dbms, password);
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        System.out.println("READY bolt://" + HOST + ":" + boltPort + " http://" + HOST + ":" + httpPort + "/browser/");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Makes the neo4j user's password equal to pw, with no forced change (drivers never get CredentialsExpired). */
    private static void setPassword(DatabaseManagementService dbms, String pw) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", pw));
            System.out.println("Password of user neo4j set");
        } catch (RuntimeException e) {
            // Already set to the same value on an earlier start: nothing to do.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) throw e;
        }
    }

    /** tools/neo4j-launcher, found from where this class was loaded (target/classes). */
    private static Path launcherDir() throws Exception {
        Path classes = Path.of(Neo4jLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.getParent().getParent().toAbsolutePath();
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) fail("unexpected argument: " + a);
            int eq = a.indexOf('=');
            if (eq > 0) m.put(a.substring(2, eq), a.substring(eq + 1));
            else if (i + 1 < args.length) m.put(a.substring(2), args[++i]);
            else fail("missing value for " + a);
        }
        return m;
    }

    private static String opt(Map<String, String> opts, String name, String env, String def) {
        String v = opts.get(name);
        if (v == null || v.isEmpty()) v = System.getenv(env);
        return v == null || v.isEmpty() ? def : v;
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p > 0 && p < 65536) return p;
        } catch (NumberFormatException ignored) { }
        fail("invalid port: " + s);
        return -1;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    private static void fail(String message) {
        System.err.println("ERROR " + message);
        System.exit(1);
    }
}
