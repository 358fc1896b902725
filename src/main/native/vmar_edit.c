// Copyright 2026 The zircon-ffm Authors.
//
// zx_vmar_unmap, zx_vmar_protect and zx_vmar_destroy. Each validates the
// whole range first and edits nothing on failure; the host side is one
// syscall over the range.

#include <errno.h>
#include <sys/mman.h>

#include "vmar_internal.h"

// The mapping containing addr in vmar or its sub-VMARs, or NULL.
static zxe_mapping_t* find_deep(zxe_vmar_t* v, uintptr_t addr) {
  for (;;) {
    zxe_region_t* r = zxe_rt_find(v->children, addr);
    if (!r) return NULL;
    if (r->kind == ZXE_REGION_MAPPING) return zxe_region_mapping(r);
    v = zxe_region_vmar(r);
  }
}

__EXPORT zx_status_t zx_vmar_unmap(zx_handle_t handle, zx_vaddr_t addr, size_t len) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_UNMAP, &st)) goto out;
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, 0, &o, &rights);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* vmar = (zxe_vmar_t*)o;
  uint64_t size;
  if (!zxe_page_aligned(addr) || len == 0 || !zxe_round_page(len, &size) || size == 0) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (vmar->destroyed) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  if (!zxe_in_vmar(vmar, addr, size)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uintptr_t end = addr + size;
  zxe_region_t* first = zxe_rt_first_ending_after(vmar->children, addr);
  if (!first || first->base >= end) goto out;  // nothing there: done
  // Sub-VMARs must lie wholly in the range, and need OP_CHILDREN.
  for (zxe_region_t* r = first; r && r->base < end;
       r = zxe_rt_first_ending_after(vmar->children, zxe_region_end(r))) {
    if (r->kind == ZXE_REGION_VMAR &&
        (r->base < addr || zxe_region_end(r) > end || !(rights & ZX_RIGHT_OP_CHILDREN))) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
  }
  zxe_mapping_t* spare = NULL;
  if (first->kind == ZXE_REGION_MAPPING && first->base < addr && zxe_region_end(first) > end) {
    if (zxe_alloc_fault() || !(spare = zxe_mapping_alloc())) {
      st = ZX_ERR_NO_MEMORY;
      goto out;
    }
  }
  if (first->kind == ZXE_REGION_MAPPING && first->base == addr && zxe_region_end(first) == end) {
    st = zxe_host_unmap_whole(zxe_region_mapping(first));  // the common case: one whole mapping
  } else {
    st = zxe_host_reserve(addr, size);
  }
  if (st != ZX_OK) {
    if (spare) zxe_mapping_free(spare);
    goto out;
  }
  zxe_count_mappings(vmar, addr, end, -1);
  zxe_clear_range(vmar, addr, end, spare);
  zxe_count_mappings(vmar, addr, end, +1);
out:
  zxe_unlock();
  return st;
}

typedef struct {
  zxe_vmar_t* top;     // the VMAR the call names
  uintptr_t expected;  // the lowest address not yet seen covered
  uint32_t perms;
  bool op_children;
} protect_check_t;

// Walks the mappings in [lo, hi) of vmar and its sub-VMARs in address order,
// as Fuchsia does: a gap is NOT_FOUND; perms beyond what a mapping's handles
// allowed are ACCESS_DENIED; a mapping in a sub-VMAR needs OP_CHILDREN
// (INVALID_ARGS) and may only lose permissions (ACCESS_DENIED).
static zx_status_t protect_check(zxe_vmar_t* vmar, uintptr_t lo, uintptr_t hi,
                                 protect_check_t* c) {
  for (zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, lo); r && r->base < hi;
       r = zxe_rt_first_ending_after(vmar->children, zxe_region_end(r))) {
    if (r->kind == ZXE_REGION_VMAR) {
      uintptr_t sub_hi = zxe_region_end(r) < hi ? zxe_region_end(r) : hi;
      zx_status_t st = protect_check(zxe_region_vmar(r), r->base > lo ? r->base : lo, sub_hi, c);
      if (st != ZX_OK) return st;
      continue;
    }
    zxe_mapping_t* m = zxe_region_mapping(r);
    if (r->base > c->expected) return ZX_ERR_NOT_FOUND;
    if (c->perms & ~m->max_perms) return ZX_ERR_ACCESS_DENIED;
    if (vmar != c->top) {
      if (!c->op_children) return ZX_ERR_INVALID_ARGS;
      if (c->perms & ~m->perms) return ZX_ERR_ACCESS_DENIED;
    }
    c->expected = zxe_region_end(r);
  }
  return ZX_OK;
}

// Sets perms on [lo, hi) of vmar, splitting the mappings at the ends with
// the spares and merging equal neighbours.
static void protect_apply(zxe_vmar_t* vmar, uintptr_t lo, uintptr_t hi, uint32_t perms,
                          zxe_mapping_t** spares) {
  uintptr_t cur = lo;
  zxe_count_mappings(vmar, lo, hi, -1);
  for (;;) {
    zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, cur);
    if (!r || r->base >= hi) break;
    if (r->kind == ZXE_REGION_VMAR) {
      uintptr_t sub_hi = zxe_region_end(r) < hi ? zxe_region_end(r) : hi;
      protect_apply(zxe_region_vmar(r), r->base > lo ? r->base : lo, sub_hi, perms, spares);
      cur = zxe_region_end(r);
      continue;
    }
    zxe_mapping_t* m = zxe_region_mapping(r);
    if (m->perms != perms) {
      if (m->node.base < lo) m = zxe_mapping_split(m, lo, *spares++);
      if (zxe_region_end(&m->node) > hi) (void)zxe_mapping_split(m, hi, *spares++);
      m->perms = perms;
    }
    m = zxe_mapping_merge(m);
    cur = zxe_region_end(&m->node);
  }
  zxe_count_mappings(vmar, lo, hi, +1);
}

__EXPORT zx_status_t zx_vmar_protect(zx_handle_t handle, zx_vm_option_t options, zx_vaddr_t addr,
                                     size_t len) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_PROTECT, &st)) goto out;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) {
    options = (options & ~ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) | ZX_VM_PERM_READ;
  }
  zx_rights_t needed = 0;
  if (options & ZX_VM_PERM_READ) needed |= ZX_RIGHT_READ;
  if (options & ZX_VM_PERM_WRITE) needed |= ZX_RIGHT_WRITE;
  if (options & ZX_VM_PERM_EXECUTE) needed |= ZX_RIGHT_EXECUTE;
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, needed, &o, &rights);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* vmar = (zxe_vmar_t*)o;
  uint32_t perms = options & ZXE_PERMS;
  if (!(perms & ZX_VM_PERM_READ) && perms != 0) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  // Only permissions: no region flags, no alignment, no unknown bits.
  if (!zxe_page_aligned(addr) || (options & ~ZXE_PERMS)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uint64_t size;
  if (len == 0 || !zxe_round_page(len, &size) || size == 0) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (vmar->destroyed) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  if (!zxe_in_vmar(vmar, addr, size)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uintptr_t end = addr + size;
  protect_check_t check = {.top = vmar,
                           .expected = addr,
                           .perms = perms,
                           .op_children = (rights & ZX_RIGHT_OP_CHILDREN) != 0};
  st = protect_check(vmar, addr, end, &check);
  if (st == ZX_OK && check.expected < end) st = ZX_ERR_NOT_FOUND;
  if (st != ZX_OK) goto out;
  // Splits happen only at the two ends of the range.
  zxe_mapping_t* lo_m = find_deep(vmar, addr);
  zxe_mapping_t* hi_m = find_deep(vmar, end - 1);
  unsigned need = (lo_m->node.base < addr && lo_m->perms != perms) +
                  (zxe_region_end(&hi_m->node) > end && hi_m->perms != perms);
  zxe_mapping_t* spares[2] = {NULL, NULL};
  if (need && zxe_alloc_fault()) {
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  for (unsigned i = 0; i < need; i++) {
    if (!(spares[i] = zxe_mapping_alloc())) {
      if (i) zxe_mapping_free(spares[0]);
      st = ZX_ERR_NO_MEMORY;
      goto out;
    }
  }
  if (mprotect((void*)addr, size, zxe_prot(perms)) != 0) {
    int err = errno;
    for (unsigned i = 0; i < need; i++) zxe_mapping_free(spares[i]);
    // ENOMEM: the split would pass vm.max_map_count; EACCES: the host forbids it.
    st = (err == EACCES || err == EPERM) ? ZX_ERR_ACCESS_DENIED : ZX_ERR_NO_MEMORY;
    goto out;
  }
  protect_apply(vmar, addr, end, perms, spares);
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmar_destroy(zx_handle_t handle) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_DESTROY, &st)) goto out;
  zxe_obj_t* o;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_OP_CHILDREN, &o, NULL);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* vmar = (zxe_vmar_t*)o;
  if (vmar == zxe_root_vmar()) {
    st = ZX_ERR_NOT_SUPPORTED;  // as for a process's root VMAR on Fuchsia
    goto out;
  }
  if (vmar->destroyed) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  if (vmar->children) {
    st = zxe_host_reserve(vmar->node.base, vmar->node.size);
    if (st != ZX_OK) goto out;
  }
  zxe_vmar_destroy_tree(vmar);
out:
  zxe_unlock();
  return st;
}
