package dev.zirconffm.internal.bindings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads {@code fuchsia-abi.tsv}, the expectations of the ABI tests: one row per constant, struct
 * or syscall, as Fuchsia's own headers state it.
 */
final class FuchsiaAbi {

    /** One row: its kind ({@code const}, {@code struct}, {@code syscall}), name, value and source. */
    record Row(String kind, String name, String value, String source) {
        @Override
        public String toString() {
            return name + " (" + source + ")";
        }
    }

    private FuchsiaAbi() {
    }

    /** Every row of {@code kind}; fails if there are hardly any, which would mean a misread file. */
    static List<Row> rows(String kind) {
        var in = FuchsiaAbi.class.getResourceAsStream("fuchsia-abi.tsv");
        List<Row> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals(kind)) {
                    rows.add(new Row(f[0], f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(rows.size() > 5, "no '" + kind + "' rows read");
        return rows;
    }
}
