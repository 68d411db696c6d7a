package minutes.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node in this JVM, bound to 127.0.0.1 only, for Minutes' tests.
 *
 * Arguments: name httpPort transportPort home seedTransportPorts(comma) managerNames(comma).
 * Prints "READY http://127.0.0.1:<port>" once the node has started, then runs until killed.
 */
public final class NodeMain {
    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: NodeMain name httpPort transportPort home seedPorts managerNames");
            System.exit(2);
        }
        String name = args[0];
        Path home = Path.of(args[3]);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("config"));
        StringBuilder seeds = new StringBuilder();
        for (String port : args[4].split(",")) {
            if (seeds.length() > 0) {
                seeds.append(',');
            }
            seeds.append("127.0.0.1:").append(port.trim());
        }
        Settings settings = Settings.builder()
            .put("cluster.name", "minutes-test")
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", args[1])
            .put("transport.port", args[2])
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("discovery.seed_hosts", seeds.toString())
            .put("cluster.initial_cluster_manager_nodes", args[5])
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false)
            // With a small heap and the serial collector, garbage not yet collected counts as "real
            // usage" and trips the parent circuit breaker on ordinary requests; count reservations.
            .put("indices.breaker.total.use_real_memory", false)
            .build();
        Node node = new MockNode(settings,
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PainlessPlugin.class));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                // the JVM is going anyway
            }
        }));
        node.start();
        System.out.println("READY http://127.0.0.1:" + args[1]);
        System.out.flush();
        Thread.currentThread().join();
    }
}
