// Copyright 2026 The zircon-ffm Authors.
//
// zx_vmar_op_range: VMO operations on the pages behind a range of mappings.

#include "vmar_internal.h"

typedef struct {
  uint32_t op;
  bool op_children;
  bool apply;  // false: check only
} range_op_t;

// Ops that reach into sub-VMARs (with OP_CHILDREN); the others act only on
// mappings directly in the VMAR named.
static bool descends(uint32_t op) {
  return op == ZX_VMAR_OP_MAP_RANGE || op == ZX_VMAR_OP_DONT_NEED ||
         op == ZX_VMAR_OP_ALWAYS_NEED;
}

static bool writes(uint32_t op) {
  return op == ZX_VMAR_OP_COMMIT || op == ZX_VMAR_OP_DECOMMIT || op == ZX_VMAR_OP_ZERO;
}

static zx_status_t on_mapping(zxe_mapping_t* m, uintptr_t lo, uintptr_t hi, const range_op_t* c) {
  if (writes(c->op) && !(m->max_perms & ZX_VM_PERM_WRITE)) return ZX_ERR_ACCESS_DENIED;
  if (!c->apply || !writes(c->op)) return ZX_OK;  // the hints change nothing visible here
  uint64_t off = m->vmo_offset + (lo - m->node.base);
  uint64_t vmo_size = zxe_vmo_target(m->vmo)->size;
  if (off >= vmo_size) return ZX_OK;
  uint64_t len = hi - lo;
  if (len > vmo_size - off) len = vmo_size - off;
  switch (c->op) {
    case ZX_VMAR_OP_COMMIT:
      return zxe_vmo_commit(m->vmo, off, len);
    case ZX_VMAR_OP_DECOMMIT:
      return zxe_vmo_decommit(m->vmo, off, len);
    default:
      return zxe_vmo_zero(m->vmo, off, len);
  }
}

// Visits [lo, hi) of vmar, which mappings must cover without a gap.
static zx_status_t visit(zxe_vmar_t* vmar, uintptr_t lo, uintptr_t hi, const range_op_t* c) {
  uintptr_t next = lo;
  for (zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, lo); r && r->base < hi;
       r = zxe_rt_first_ending_after(vmar->children, zxe_region_end(r))) {
    if (r->base > next) return ZX_ERR_BAD_STATE;
    uintptr_t a = r->base > lo ? r->base : lo;
    uintptr_t b = zxe_region_end(r) < hi ? zxe_region_end(r) : hi;
    zx_status_t st;
    if (r->kind == ZXE_REGION_VMAR) {
      if (!descends(c->op) || !c->op_children) return ZX_ERR_INVALID_ARGS;
      st = visit(zxe_region_vmar(r), a, b, c);
    } else {
      st = on_mapping(zxe_region_mapping(r), a, b, c);
    }
    if (st != ZX_OK) return st;
    next = b;
  }
  return next < hi ? ZX_ERR_BAD_STATE : ZX_OK;
}

__EXPORT zx_status_t zx_vmar_op_range(zx_handle_t handle, uint32_t op, zx_vaddr_t address,
                                      size_t size, void* buffer, size_t buffer_size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMAR_OP_RANGE, &st)) goto out;
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, 0, &o, &rights);
  if (st != ZX_OK) goto out;
  zxe_vmar_t* vmar = (zxe_vmar_t*)o;
  if (!descends(op) && !writes(op) && op != ZX_VMAR_OP_PREFETCH) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uint64_t len;
  if (size == 0 || !zxe_round_page(size, &len) || len == 0 || !zxe_page_aligned(address) ||
      buffer || buffer_size) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (!zxe_in_vmar(vmar, address, len)) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  if (vmar->destroyed) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  range_op_t c = {.op = op, .op_children = (rights & ZX_RIGHT_OP_CHILDREN) != 0};
  st = visit(vmar, address, address + len, &c);
  if (st != ZX_OK) goto out;
  c.apply = true;
  st = visit(vmar, address, address + len, &c);
out:
  zxe_unlock();
  return st;
}
