package dev.zirconffm;

/**
 * What {@code ZX_INFO_VMAR} reports about a VMAR ({@link Vmar#info()}).
 *
 * @param base   the first address of the region
 * @param length its length in bytes
 */
public record VmarInfo(long base, long length) {
}
