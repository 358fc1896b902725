/**
 * The public API of zircon-ffm: Zircon VMOs, VMARs and handles, with mappings returned as
 * {@link java.lang.foreign.MemorySegment}s scoped to an {@link java.lang.foreign.Arena}.
 */
package dev.zirconffm;
