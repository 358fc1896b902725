package dev.zirconffm.internal.bindings;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.GroupLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated bindings against Fuchsia's ABI, as {@code fuchsia-abi.tsv} states it row by row
 * from Fuchsia's own headers: every constant's value, every struct's size, alignment and field
 * offsets. A wrong value in {@code headers/zircon/} (or a binding
 * not regenerated after a header change) fails here.
 */
class AbiTest {

    private static List<FuchsiaAbi.Row> rows(String kind) {
        return FuchsiaAbi.rows(kind);
    }

    /** The value of a generated constant, widened as C would: unsigned types stay positive. */
    private static long generatedConstant(String name) throws ReflectiveOperationException {
        Object v = zircon_h.class.getMethod(name).invoke(null);
        return switch (v) {
            case Integer i -> i;
            case Long l -> l;
            default -> throw new AssertionError(name + " has unexpected type " + v.getClass());
        };
    }

    private static long parseC(String literal) {
        return literal.startsWith("-") ? -Long.decode(literal.substring(1)) : Long.decode(literal);
    }

    @TestFactory
    Stream<DynamicTest> everyConstantHasFuchsiasValue() {
        return rows("const").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            long expected = parseC(row.value());
            long actual = generatedConstant(row.name());
            // A 32-bit unsigned macro reads back as a negative int once its top bit is set.
            if (expected > Integer.MAX_VALUE && actual < 0) {
                actual = Integer.toUnsignedLong((int) actual);
            }
            assertEquals(expected, actual, row.name() + " differs from Fuchsia's " + row.source());
        }));
    }

    @Test
    void everyGeneratedConstantIsChecked() {
        Set<String> generated = new TreeSet<>();
        for (Method m : zircon_h.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                    && m.getName().startsWith("ZX_")) {
                generated.add(m.getName());
            }
        }
        Set<String> expected = new TreeSet<>();
        rows("const").forEach(r -> expected.add(r.name()));
        assertEquals(expected, generated, "generated constants and Fuchsia's expectations differ");
    }

    private static final Pattern FIELD = Pattern.compile("(?:union\\{.*?}|[\\w ]+?) (\\w+)(?:\\[(\\d+)])? @(\\d+)");

    @TestFactory
    Stream<DynamicTest> everyStructHasFuchsiasLayout() {
        return rows("struct").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            String struct = row.name().replaceFirst("_t$", "");
            var layout = (GroupLayout) Class.forName(zircon_h.class.getPackageName() + "." + struct)
                    .getMethod("layout").invoke(null);
            int fields = 0;
            for (String part : row.value().split("; ")) {
                if (part.startsWith("sizeof=")) {
                    assertEquals(Long.parseLong(part.substring(7)), layout.byteSize(), row + ": sizeof");
                } else if (part.startsWith("alignof=")) {
                    assertEquals(Long.parseLong(part.substring(8)), layout.byteAlignment(), row + ": alignof");
                } else {
                    Matcher m = FIELD.matcher(part);
                    assertTrue(m.matches(), "unparsed field description: " + part);
                    long offset = layout.byteOffset(groupElement(m.group(1)));
                    assertEquals(Long.parseLong(m.group(3)), offset, row + ": offset of " + m.group(1));
                    fields++;
                }
            }
            long generatedFields = layout.memberLayouts().stream()
                    .filter(l -> l.name().isPresent()).count();
            assertEquals(fields, generatedFields, row + ": number of named fields");
        }));
    }
}
