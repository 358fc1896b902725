package dev.zirconffm.emulator;

import dev.zirconffm.internal.ZirconLibrary;
import dev.zirconffm.internal.bindings.zircon_h;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Base of the conformance tests: loads {@code libzircon.so}, gives each test a {@link Fixture}, and
 * after the fixture has undone everything checks that the test leaked no handle
 * ({@code ZX_INFO_PROCESS_HANDLE_STATS}) and no mapping ({@code ZX_INFO_PROCESS_MAPS}). If either
 * topic fails at the start of a test, that half of the check is skipped: the topics themselves are
 * tested in {@link ObjectInfoTest}.
 */
abstract class EmulatorTest {

    /** What the test creates; undone after each test. */
    protected Fixture fx;

    private int[] handlesBefore;
    private long mappingsBefore;

    @BeforeAll
    static void loadLibrary() {
        ZirconLibrary.ensureLoaded();
    }

    @BeforeEach
    void openFixture() {
        handlesBefore = handleCounts();
        mappingsBefore = mappingCount();
        fx = new Fixture();
    }

    @AfterEach
    void closeFixtureAndCheckLeaks() {
        fx.close();
        if (handlesBefore != null) {
            assertEquals(Arrays.toString(handlesBefore), Arrays.toString(handleCounts()),
                    "live handles by object type changed across the test: a handle leaked or was lost");
        }
        if (mappingsBefore >= 0) {
            assertEquals(mappingsBefore, mappingCount(), "number of mappings changed across the test");
        }
    }

    private static int[] handleCounts() {
        try {
            return Info.handleCounts();
        } catch (AssertionError unsupported) {
            return null;
        }
    }

    private static long mappingCount() {
        try {
            return Info.maps(Zx.self(), zircon_h.ZX_INFO_PROCESS_MAPS()).stream().filter(Info.Map::isMapping).count();
        } catch (AssertionError unsupported) {
            return -1;
        }
    }
}
