/**
 * zircon-ffm: Fuchsia's Zircon virtual-memory syscalls (VMOs, VMARs, handles) for Java,
 * through the FFM API.
 *
 * <p>The API is {@code dev.zirconffm}, and {@code dev.zirconffm.testing} for JUnit 5 tests (it
 * reads JUnit Jupiter's API only when present: {@code requires static}). The jextract bindings
 * ({@code dev.zirconffm.internal.bindings}) and the runtime internals are not exported.
 */
module dev.zirconffm {
    requires static org.junit.jupiter.api;

    exports dev.zirconffm;
    exports dev.zirconffm.testing;
}
