package io.portico.gateway.registry.store;

import static io.portico.gateway.testing.Gadgets.labDocument;
import static io.portico.schema.contract.ContractParser.parse;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link RegistryCrashTest} kills: registers contract versions from several threads, forever, into the
 * H2 database at {@code args[0]}, and prints {@code ACK <registryVersion> <portId> <revision>} for each
 * registration once {@link RegistryStore#register} returned, i.e. once it is acknowledged. Prints {@code READY}
 * when the store is open.
 */
public final class RegistryWriterMain {

    private RegistryWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        TestRegistryDatabase database = TestRegistryDatabase.h2(url).migrate();
        RegistryStore store = database.store(threads);
        out.println("READY");
        out.flush();
        List<Thread> writers = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            String portId = "crash-port-" + thread;
            writers.add(Thread.ofPlatform().name("writer-" + thread).start(() -> {
                for (int index = 0; ; index++) {
                    String text = labDocument(portId, "crash", "1.0." + index);
                    StoredContract stored = store.register(parse(text), text, "writer");
                    synchronized (out) {
                        out.println("ACK " + stored.registryVersion() + " " + stored.portId() + " " + stored.revision());
                        out.flush();
                    }
                }
            }));
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }
}
