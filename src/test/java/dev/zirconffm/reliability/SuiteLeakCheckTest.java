package dev.zirconffm.reliability;

import dev.zirconffm.internal.MappingRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs after every other test class of the suite ({@link LeakCheckLast}) and fails the build if
 * anything is left: a VMO handle, a VMAR handle beyond the root's own, a second process handle,
 * a mapping the API still holds, or a sub-region or mapping in the emulated address space. The
 * per-class NoLeaks checks compare with where each class began; this one compares with nothing,
 * so a leak that spans classes, or one in a class without NoLeaks, shows here.
 */
class SuiteLeakCheckTest {

    @Test
    void theWholeSuiteLeavesNothingBehind() throws InterruptedException {
        String leaks = leaks();
        // Automatic arenas and unreachable wrappers go with the GC: give it a bounded chance.
        for (int i = 0; i < 50 && !leaks.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            leaks = leaks();
        }
        if (!leaks.isEmpty()) {
            fail("the test suite leaked: " + leaks + "; live mappings: " + MappingRegistry.global().snapshot());
        }
    }

    /** What is live beyond what the runtime owns (the process and root VMAR handles); "" if nothing. */
    static String leaks() {
        StringBuilder sb = new StringBuilder();
        note(sb, "VMO handles", KernelProbe.vmoHandles(), 0);
        note(sb, "VMAR handles", KernelProbe.vmarHandles(), 1);
        note(sb, "process handles", KernelProbe.processHandles(), 1);
        note(sb, "mappings registered by the API", MappingRegistry.global().size(), 0);
        note(sb, "sub-regions and mappings in the root VMAR", KernelProbe.rootChildren(), 0);
        return sb.toString();
    }

    private static void note(StringBuilder sb, String what, long live, long owned) {
        if (live != owned) {
            sb.append(sb.isEmpty() ? "" : ", ").append(what).append(' ').append(live).append(" (expected ").append(owned).append(')');
        }
    }
}
