package io.portico.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.gateway.port.BatchConsumer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recorded answer replays as the port sent it, and as Arrow's own reading of the whole cached IPC stream (what a
 * hit did before the entry kept its schema) reads it: the same schema, the same batches in order, an empty batch
 * and nulls included; the entry's schema is the stream's; every replay releases its memory.
 */
class CachedResultReplayTest {

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("name", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
                    List.of(new Field("item", FieldType.nullable(new ArrowType.Int(64, true)), null)))),
            Map.of("origin", "a port"));

    private BufferAllocator allocator;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        assertThat(allocator.getAllocatedMemory()).as("no Arrow memory held after the replays").isZero();
        allocator.close();
    }

    @Test
    void aReplayHandsOverWhatThePortSentAndWhatTheWholeStreamReads() throws Exception {
        Batches sent = new Batches();
        RecordingConsumer<List<String>> recording = new RecordingConsumer<>(sent, Long.MAX_VALUE);
        try (BufferAllocator port = allocator.newChildAllocator("port", 0, Long.MAX_VALUE);
             VectorSchemaRoot batch = VectorSchemaRoot.create(SCHEMA, port)) {
            recording.start(SCHEMA, port);
            for (int[] rows : new int[][] {{0, 3}, {3, 3}, {3, 700}, {700, 701}}) {
                fill(batch, rows[0], rows[1]);
                recording.accept(batch);
            }
        }
        List<String> portBatches = recording.finish();
        CachedResult result = recording.result(1_000);

        assertThat(result.schema()).isEqualTo(wholeStream(result).schema()).isEqualTo(SCHEMA);
        assertThat(result.rows()).isEqualTo(701);
        CachedResultReplay replay = new CachedResultReplay(allocator);
        for (int hit = 0; hit < 3; hit++) {
            Batches replayed = new Batches();
            List<String> batches = replay.replay("a-port", result, replayed);
            assertThat(replayed.schema).isEqualTo(wholeStream(result).schema());
            assertThat(batches).isEqualTo(wholeStream(result).batches()).isEqualTo(portBatches).hasSize(4);
        }
    }

    @Test
    void anAnswerWithoutAStreamReplaysAsNone() {
        Batches sent = new Batches();
        RecordingConsumer<List<String>> recording = new RecordingConsumer<>(sent, Long.MAX_VALUE);
        recording.finish();
        CachedResult result = recording.result(1_000);

        assertThat(result.ipc()).isNull();
        assertThat(result.schema()).isNull();
        Batches replayed = new Batches();
        assertThat(new CachedResultReplay(allocator).replay("a-port", result, replayed)).isEmpty();
        assertThat(replayed.schema).as("not started").isNull();
    }

    /** What Arrow's stream reader reads from the whole cached stream, schema message included. */
    private Read wholeStream(CachedResult result) throws Exception {
        try (BufferAllocator reading = allocator.newChildAllocator("whole stream", 0, Long.MAX_VALUE);
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(result.ipc()), reading)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<String> batches = new ArrayList<>();
            while (reader.loadNextBatch()) {
                batches.add(root.contentToTSVString());
            }
            return new Read(root.getSchema(), batches);
        }
    }

    private record Read(Schema schema, List<String> batches) {
    }

    /** Rows {@code from} to {@code to}: every third name null, every fifth list null, lists of 0-2 items. */
    private static void fill(VectorSchemaRoot batch, int from, int to) {
        batch.allocateNew();
        BigIntVector ids = (BigIntVector) batch.getVector("id");
        VarCharVector names = (VarCharVector) batch.getVector("name");
        UnionListWriter tags = ((ListVector) batch.getVector("tags")).getWriter();
        for (int row = 0; row < to - from; row++) {
            int id = from + row;
            ids.setSafe(row, id);
            if (id % 3 != 0) {
                names.setSafe(row, ("name " + id + " é").getBytes(StandardCharsets.UTF_8));
            }
            tags.setPosition(row);
            if (id % 5 != 0) {
                tags.startList();
                for (int item = 0; item < id % 3; item++) {
                    tags.bigInt().writeBigInt((long) id * 10 + item);
                }
                tags.endList();
            }
        }
        batch.setRowCount(to - from);
    }

    /** Collects each batch as text and the schema it was started with. */
    private static final class Batches implements BatchConsumer<List<String>> {

        private final List<String> batches = new ArrayList<>();
        private Schema schema;

        @Override
        public void start(Schema schema, BufferAllocator allocator) {
            this.schema = schema;
        }

        @Override
        public void accept(VectorSchemaRoot batch) {
            batches.add(batch.contentToTSVString());
        }

        @Override
        public List<String> finish() {
            return batches;
        }
    }
}
