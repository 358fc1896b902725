package dev.zirconffm;

/**
 * What {@code ZX_INFO_HANDLE_BASIC} reports about a handle.
 *
 * @param koid        the object's kernel id
 * @param rights      the handle's rights
 * @param type        the object's type
 * @param relatedKoid the koid of a related object (e.g. a channel's peer), or 0
 */
public record HandleInfo(long koid, Rights rights, ObjectType type, long relatedKoid) {
}
