// Copyright 2026 The zircon-ffm Authors.
//
// Helpers shared by the VMAR files: host mapping, node edits and placement.
// All of them run with zxe_mutex held.

#ifndef ZXEMU_VMAR_INTERNAL_H_
#define ZXEMU_VMAR_INTERNAL_H_

#include "emu.h"

#define ZXE_PERMS (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)
#define ZXE_CAN_MAP_PERMS (ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE)
// CAN_MAP_* bits sit 7 above the PERM_* bits they allow.
#define ZXE_CAN_MAP_SHIFT 7

ZXE_HIDDEN zxe_mapping_t* zxe_mapping_alloc(void);
ZXE_HIDDEN void zxe_mapping_free(zxe_mapping_t* m);
// Host mapping state (host.c): call once, before any mapping.
ZXE_HIDDEN void zxe_host_init(void);
ZXE_HIDDEN int zxe_prot(uint32_t perms);
// Puts the PROT_NONE reservation back over a range.
ZXE_HIDDEN zx_status_t zxe_host_reserve(uintptr_t base, size_t size);
// Maps [base, base+size) of mapping m's VMO from vmo_offset, with m's perms.
ZXE_HIDDEN zx_status_t zxe_host_map(const zxe_mapping_t* m, uintptr_t base, size_t size,
                                    uint64_t vmo_offset);
// Host side of unmapping exactly the whole of mapping m (parks it if it can).
ZXE_HIDDEN zx_status_t zxe_host_unmap_whole(const zxe_mapping_t* m);
// A parked mapping of this VMO range that a new mapping in vmar may take back.
ZXE_HIDDEN bool zxe_parked_spot(zxe_vmar_t* vmar, const zxe_vmo_t* vmo, uint64_t vmo_offset,
                                size_t size, size_t align, uintptr_t limit, uintptr_t* out);
ZXE_HIDDEN void zxe_mapping_unlink(zxe_mapping_t* m);
ZXE_HIDDEN zxe_mapping_t* zxe_mapping_split(zxe_mapping_t* m, uintptr_t addr,
                                            zxe_mapping_t* spare);
ZXE_HIDDEN zxe_mapping_t* zxe_mapping_merge(zxe_mapping_t* m);
ZXE_HIDDEN uint64_t zxe_new_group(void);
// Adds sign to num_mappings of the VMO of every node of vmar's tree that
// starts a group, among nodes that end at or after lo and start at or before
// hi. An edit of [lo, hi) is bracketed by sign -1 before and +1 after, which
// keeps every VMO's num_mappings equal to its number of groups.
ZXE_HIDDEN void zxe_count_mappings(zxe_vmar_t* v, uintptr_t lo, uintptr_t hi, int sign);
ZXE_HIDDEN void zxe_vmar_destroy_tree(zxe_vmar_t* top);
// Removes everything of vmar's tree in [base, end) from the tree (the host side
// is the caller's): mappings are trimmed or split (using spare when one spans
// the range), sub-VMARs (which the caller checked lie wholly inside) destroyed.
ZXE_HIDDEN void zxe_clear_range(zxe_vmar_t* vmar, uintptr_t base, uintptr_t end,
                                zxe_mapping_t* spare);
// ZX_VM_ALIGN_* of options as a byte alignment (at least a page).
ZXE_HIDDEN zx_status_t zxe_parse_align(uint32_t options, size_t* align);
// Picks a free spot of size bytes in vmar below limit.
ZXE_HIDDEN zx_status_t zxe_place(zxe_vmar_t* vmar, size_t size, size_t align, uintptr_t limit,
                                 uintptr_t* out);
ZXE_HIDDEN bool zxe_range_free(zxe_vmar_t* vmar, uintptr_t base, size_t size);

static inline uintptr_t zxe_vmar_end(const zxe_vmar_t* v) { return v->node.base + v->node.size; }
// Whether [base, base+len) lies within the VMAR.
static inline bool zxe_in_vmar(const zxe_vmar_t* v, uintptr_t base, size_t len) {
  return base >= v->node.base && base + len >= base && base + len <= zxe_vmar_end(v);
}

#endif  // ZXEMU_VMAR_INTERNAL_H_
