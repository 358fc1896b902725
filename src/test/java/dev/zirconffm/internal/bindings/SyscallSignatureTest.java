package dev.zirconffm.internal.bindings;

import dev.zirconffm.internal.ZirconLibrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bound syscall's generated {@link FunctionDescriptor} against its prototype in Fuchsia's
 * {@code cdecls.inc} / {@code process.h}, as the {@code syscall} rows of {@code fuchsia-abi.tsv}
 * state it: return and parameter carriers, in order. The descriptors resolve their symbol when first
 * used, so the library is loaded first.
 */
class SyscallSignatureTest {

    @BeforeAll
    static void loadLibrary() {
        ZirconLibrary.ensureLoaded();
    }

    private static List<FuchsiaAbi.Row> rows(String kind) {
        return FuchsiaAbi.rows(kind);
    }

    private static final Pattern PROTOTYPE = Pattern.compile("(\\w+) (\\w+)\\((.*)\\);");

    /** The carrier layout of a C parameter or return type of the syscalls we bind. */
    private static MemoryLayout cLayout(String type) {
        String t = type.trim().replaceFirst("^const ", "");
        if (t.endsWith("*")) {
            return ValueLayout.ADDRESS;
        }
        return switch (t) {
            case "zx_status_t", "zx_handle_t", "zx_rights_t", "zx_vm_option_t", "uint32_t" -> ValueLayout.JAVA_INT;
            case "uint64_t", "size_t", "zx_vaddr_t" -> ValueLayout.JAVA_LONG;
            default -> throw new AssertionError("no layout for C type " + type);
        };
    }

    @TestFactory
    Stream<DynamicTest> everySyscallHasFuchsiasSignature() {
        return rows("syscall").stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            Matcher m = PROTOTYPE.matcher(row.value());
            assertTrue(m.matches(), "unparsed prototype " + row.value());
            List<MemoryLayout> args = new ArrayList<>();
            if (!m.group(3).equals("void")) {
                for (String param : m.group(3).split(",")) {
                    args.add(cLayout(param.trim().replaceFirst("\\s*\\w+$", "")));
                }
            }
            var expected = FunctionDescriptor.of(cLayout(m.group(1)), args.toArray(MemoryLayout[]::new));
            var actual = (FunctionDescriptor) zircon_h.class.getMethod(m.group(2) + "$descriptor").invoke(null);
            assertEquals(expected.returnLayout().map(SyscallSignatureTest::carrier),
                    actual.returnLayout().map(SyscallSignatureTest::carrier), row + ": return type");
            assertEquals(expected.argumentLayouts().stream().map(SyscallSignatureTest::carrier).toList(),
                    actual.argumentLayouts().stream().map(SyscallSignatureTest::carrier).toList(),
                    row + ": parameters");
        }));
    }

    @Test
    void everyGeneratedSyscallIsChecked() {
        Set<String> generated = new TreeSet<>();
        for (Method m : zircon_h.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.getName().endsWith("$descriptor")) {
                generated.add(m.getName().substring(0, m.getName().length() - "$descriptor".length()));
            }
        }
        Set<String> expected = new TreeSet<>();
        rows("syscall").forEach(r -> expected.add(r.name()));
        assertEquals(expected, generated, "generated syscalls and Fuchsia's prototypes differ");
    }

    private static Class<?> carrier(MemoryLayout layout) {
        return ((ValueLayout) layout).carrier();
    }
}
