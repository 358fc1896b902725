// Copyright 2026 The zircon-ffm Authors.
//
// zx_vmar_allocate and zx_vmar_map, with Fuchsia's checks in Fuchsia's order
// (the syscall layer, then the VMAR dispatcher, then the region code).

#include <stdlib.h>

#include "vmar_internal.h"

// The option bits the region code understands, below the alignment field.
#define REGION_FLAGS                                                                   \
  (ZX_VM_COMPACT | ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_CAN_MAP_SPECIFIC | \
   ZXE_CAN_MAP_PERMS | ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_ALLOW_FAULTS |               \
   ZX_VM_OFFSET_IS_UPPER_LIMIT | ZX_VM_FAULT_BEYOND_STREAM_SIZE)
// The alignment is the whole top byte (log2 of it); values past 32 are rejected.
#define ALIGN_FIELD (0xffu << ZX_VM_ALIGN_BASE)

// Where a new region of `size` bytes goes in vmar, after the checks shared by
// sub-VMARs and mappings. *overlaps is set (and ZX_OK returned) when a
// SPECIFIC_OVERWRITE range covers existing mappings.
static zx_status_t find_spot(zxe_vmar_t* vmar, uint32_t options, size_t offset, size_t size,
                             size_t align, const zxe_vmo_t* vmo, uint64_t vmo_offset,
                             uintptr_t* base, bool* overlaps) {
  bool overwrite = options & ZX_VM_SPECIFIC_OVERWRITE;
  bool specific = (options & ZX_VM_SPECIFIC) || overwrite;
  bool upper = options & ZX_VM_OFFSET_IS_UPPER_LIMIT;
  *overlaps = false;
  if (vmar->destroyed) return ZX_ERR_BAD_STATE;
  if (size == 0) return ZX_ERR_INVALID_ARGS;
  // A region may not allow more than its parent does.
  if (options & ZXE_CAN_MAP_PERMS & ~vmar->flags) return ZX_ERR_ACCESS_DENIED;
  if (specific && upper) return ZX_ERR_INVALID_ARGS;
  if (!specific && !upper && offset != 0) return ZX_ERR_INVALID_ARGS;
  if ((specific || upper) && !(vmar->flags & ZX_VM_CAN_MAP_SPECIFIC)) return ZX_ERR_ACCESS_DENIED;
  if (!zxe_page_aligned(offset)) return ZX_ERR_INVALID_ARGS;
  size_t vsize = vmar->node.size;
  if (upper) {
    if (offset > vsize || size > offset) return ZX_ERR_INVALID_ARGS;
  } else if (offset >= vsize || size > vsize - offset) {
    return ZX_ERR_INVALID_ARGS;
  }
  if (!specific) {
    uintptr_t limit = upper ? vmar->node.base + offset : zxe_vmar_end(vmar);
    // Taking back a parked mapping of the same pages costs one mprotect.
    if (vmo && zxe_parked_spot(vmar, vmo, vmo_offset, size, align, limit, base)) return ZX_OK;
    return zxe_place(vmar, size, align, limit, base);
  }
  uintptr_t b = vmar->node.base + offset;
  if (b & (align - 1)) return ZX_ERR_INVALID_ARGS;
  *base = b;
  if (zxe_range_free(vmar, b, size)) return ZX_OK;
  if (!overwrite) return ZX_ERR_ALREADY_EXISTS;
  // Mappings may be overwritten; sub-VMARs may not.
  for (zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, b); r && r->base < b + size;
       r = zxe_rt_first_ending_after(vmar->children, zxe_region_end(r))) {
    if (r->kind == ZXE_REGION_VMAR) return ZX_ERR_INVALID_ARGS;
  }
  *overlaps = true;
  return ZX_OK;
}

__EXPORT zx_status_t zx_vmar_allocate(zx_handle_t parent_vmar, zx_vm_option_t options,
                                      size_t offset, size_t size, zx_handle_t* child_vmar,
                                      zx_vaddr_t* child_addr) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_ALLOCATE, &st)) goto out;
  zx_rights_t needed = 0;
  if (options & ZX_VM_CAN_MAP_READ) needed |= ZX_RIGHT_READ;
  if (options & ZX_VM_CAN_MAP_WRITE) needed |= ZX_RIGHT_WRITE;
  if (options & ZX_VM_CAN_MAP_EXECUTE) needed |= ZX_RIGHT_EXECUTE;
  zxe_obj_t* o;
  st = zxe_handle_get(parent_vmar, ZX_OBJ_TYPE_VMAR, needed, &o, NULL);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* parent = (zxe_vmar_t*)o;
  size_t align;
  uint32_t allowed = ZX_VM_COMPACT | ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC | ZXE_CAN_MAP_PERMS |
                     ZX_VM_OFFSET_IS_UPPER_LIMIT | ALIGN_FIELD;
  if ((options & ~allowed) || zxe_parse_align(options, &align) != ZX_OK) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (size == 0 || !zxe_page_aligned(size) || !zxe_page_aligned(offset)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uintptr_t base;
  bool overlaps;
  st = find_spot(parent, options, offset, size, align, NULL, 0, &base, &overlaps);
  if (st != ZX_OK) goto out;
  if (!zxe_out_ok(child_vmar) || !zxe_out_ok(child_addr)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zxe_vmar_t* child;
  if (zxe_alloc_fault() || !(child = calloc(1, sizeof(*child)))) {
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  zxe_obj_init(&child->obj, ZX_OBJ_TYPE_VMAR);
  child->node.kind = ZXE_REGION_VMAR;
  child->node.base = base;
  child->node.size = size;
  child->flags = options & (ZXE_CAN_MAP_PERMS | ZX_VM_CAN_MAP_SPECIFIC | ZX_VM_COMPACT);
  zx_rights_t rights = ZX_DEFAULT_VMAR_RIGHTS | needed;
  zx_handle_t h;
  st = zxe_handle_add(&child->obj, rights, &h);
  if (st != ZX_OK) {
    free(child);
    goto out;
  }
  zx_vaddr_t addr = base;
  if (!zxe_copy_out(child_vmar, &h, sizeof(h)) || !zxe_copy_out(child_addr, &addr, sizeof(addr))) {
    zxe_handle_remove(h);  // frees the child: it is in no tree yet
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  child->parent = parent;
  zxe_obj_ref(&child->obj);  // the parent's tree holds the child
  zxe_rt_insert(&parent->children, &child->node);
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmar_map(zx_handle_t handle, zx_vm_option_t options, size_t vmar_offset,
                                 zx_handle_t vmo, uint64_t vmo_offset, size_t len,
                                 zx_vaddr_t* mapped_addr) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_MAP, &st)) goto out;
  zxe_obj_t *vo, *mo;
  zx_rights_t vmar_rights, vmo_rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, 0, &vo, &vmar_rights);
  if (st != ZX_OK) goto out;
  st = zxe_handle_get(vmo, ZX_OBJ_TYPE_VMO, 0, &mo, &vmo_rights);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* vmar = (zxe_vmar_t*)vo;
  zxe_vmo_t* v = (zxe_vmo_t*)mo;
  if (!(vmo_rights & ZX_RIGHT_MAP)) {
    st = ZX_ERR_ACCESS_DENIED;
    goto out;
  }
  // x86-64 cannot map execute-only, so this means READ.
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) {
    options = (options & ~ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) | ZX_VM_PERM_READ;
  }
  if (!(options & ZX_VM_PERM_READ) && (options & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE))) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (options & ZX_VM_MAP_RANGE) {
    // Pages are found on first touch either way: MAP_RANGE only prefaults.
    options &= ~ZX_VM_MAP_RANGE;
    if (options & ZX_VM_SPECIFIC_OVERWRITE) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
  }
  if (options & ZXE_CAN_MAP_PERMS) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uint32_t can = 0;
  if ((vmo_rights & ZX_RIGHT_READ) && (vmar_rights & ZX_RIGHT_READ)) can |= ZX_VM_PERM_READ;
  if ((vmo_rights & ZX_RIGHT_WRITE) && (vmar_rights & ZX_RIGHT_WRITE)) can |= ZX_VM_PERM_WRITE;
  if ((vmo_rights & ZX_RIGHT_EXECUTE) && (vmar_rights & ZX_RIGHT_EXECUTE)) {
    can |= ZX_VM_PERM_EXECUTE;
  }
  uint32_t perms = options & ZXE_PERMS;
  if (perms & ~can) {
    st = ZX_ERR_ACCESS_DENIED;
    goto out;
  }
  size_t align;
  if ((options & ~(ZXE_PERMS | REGION_FLAGS | ALIGN_FIELD)) ||
      zxe_parse_align(options, &align) != ZX_OK) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zxe_vmo_t* target = zxe_vmo_target(v);
  if ((options & ZX_VM_REQUIRE_NON_RESIZABLE) && (target->flags & ZXE_VMO_RESIZABLE)) {
    st = ZX_ERR_NOT_SUPPORTED;
    goto out;
  }
  if (!(options & ZX_VM_ALLOW_FAULTS) && (target->flags & ZXE_VMO_DISCARDABLE)) {
    st = ZX_ERR_NOT_SUPPORTED;
    goto out;
  }
  if (options & ZX_VM_FAULT_BEYOND_STREAM_SIZE) {
    // Faulting at the content size needs the kernel's help: not emulated.
    st = (options & ZX_VM_ALLOW_FAULTS) ? ZX_ERR_NOT_SUPPORTED : ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (perms & ~(vmar->flags >> ZXE_CAN_MAP_SHIFT)) {
    st = ZX_ERR_ACCESS_DENIED;
    goto out;
  }
  uint64_t size;
  if (len == 0) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (!zxe_round_page(len, &size)) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  if (!zxe_page_aligned(vmo_offset)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (vmo_offset + size < vmo_offset) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  uintptr_t base;
  bool overlaps;
  st = find_spot(vmar, options, vmar_offset, size, align, v, vmo_offset, &base, &overlaps);
  if (st != ZX_OK) goto out;
  if (!zxe_out_ok(mapped_addr)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zx_vaddr_t addr = base;
  if (!zxe_copy_out(mapped_addr, &addr, sizeof(addr))) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  // An overwrite strictly inside one mapping leaves two pieces of it.
  bool need_spare = false;
  if (overlaps) {
    zxe_region_t* r = zxe_rt_find(vmar->children, base);
    need_spare = r && r->base < base && zxe_region_end(r) > base + size;
  }
  zxe_mapping_t* m;
  zxe_mapping_t* spare = NULL;
  if (zxe_alloc_fault() || !(m = zxe_mapping_alloc())) {
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  if (need_spare && !(spare = zxe_mapping_alloc())) {
    zxe_mapping_free(m);
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  m->node.kind = ZXE_REGION_MAPPING;
  m->node.base = base;
  m->node.size = size;
  m->parent = vmar;
  m->vmo = v;
  m->vmo_offset = vmo_offset;
  m->perms = perms;
  m->max_perms = can;
  m->flags = options & ZX_VM_ALLOW_FAULTS;
  // One mmap replaces whatever an overwrite covers, atomically for the caller.
  st = zxe_host_map(m, base, size, vmo_offset);
  if (st != ZX_OK) {
    zxe_mapping_free(m);
    if (spare) zxe_mapping_free(spare);
    goto out;
  }
  m->group = zxe_new_group();
  zxe_count_mappings(vmar, base, base + size, -1);
  if (overlaps) zxe_clear_range(vmar, base, base + size, spare);
  zxe_obj_ref(&v->obj);
  zxe_rt_insert(&vmar->children, &m->node);
  (void)zxe_mapping_merge(m);
  zxe_count_mappings(vmar, base, base + size, +1);
out:
  zxe_unlock();
  return st;
}
