/**
 * zircon-ffm: Fuchsia's Zircon virtual-memory syscalls (VMOs, VMARs, handles) for Java,
 * through the FFM API.
 *
 * <p>Only {@code dev.zirconffm} is API. The jextract bindings
 * ({@code dev.zirconffm.internal.bindings}) and the runtime internals are not exported.
 */
module dev.zirconffm {
    exports dev.zirconffm;
}
