// Copyright 2026 The zircon-ffm Authors.
//
// Checks shared by the operations, the table of operations and the choice of
// the next one.

#include <string.h>

#include "hostile.h"

void require_for_ok(ctx_t* c, zx_status_t st, const pick_t* p, uint32_t type, zx_rights_t rights,
                    const char* what) {
  if (st != ZX_OK) return;
  if (p->cls != H_LIVE && p->cls != H_SELF && p->cls != H_ROOT) {
    fail(c, "%s succeeded with %s 0x%x, which names no handle", what, hclass_note(p), p->h);
  }
  if (c->concurrent) return;  // the slot's metadata may be another handle's by now
  if (type && p->type != type) {
    fail(c, "%s succeeded on a handle of type %u, not %u", what, p->type, type);
  }
  if ((p->rights & rights) != rights) {
    fail(c, "%s succeeded on a handle with rights 0x%x, which lack 0x%x", what, p->rights,
         rights & ~p->rights);
  }
}

void expect_dead(ctx_t* c, zx_handle_t h, const char* why) {
  if (!c->concurrent && known_live(h)) return;  // the value names a handle again
  zx_status_t st = zx_object_get_info(h, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL);
  if (st != ZX_ERR_BAD_HANDLE) {
    fail(c, "handle 0x%x should be gone (%s), but ZX_INFO_HANDLE_VALID gives %s", h, why,
         status_name(st));
  }
}

void expect_status(ctx_t* c, zx_status_t st, zx_status_t want, const char* why) {
  if (st != want && !(c->fault_armed && st == ZX_ERR_NO_MEMORY)) {
    fail(c, "expected %s (%s), got %s", status_name(want), why, status_name(st));
  }
}

void expect_not_ok(ctx_t* c, zx_status_t st, const char* why) {
  if (st == ZX_OK) fail(c, "succeeded although %s", why);
}

zx_handle_t read_out_handle(ctx_t* c, const buf_t* out) {
  if (out->cls == B_INVALID) fail(c, "succeeded with an unusable out-parameter (%s)", out->note);
  zx_handle_t h = ZX_HANDLE_INVALID;
  if (!mem_read((uintptr_t)out->p, &h, sizeof(h))) {
    fail(c, "succeeded, but its out-parameter (%s) cannot be read back", out->note);
  }
  return h;
}

bool vmo_page_backed(zx_handle_t vmo, uint64_t vmo_offset, bool* known) {
  uint64_t size;
  *known = zx_vmo_get_size(vmo, &size) == ZX_OK;
  return *known && vmo_offset < size;
}

bool vmo_cached(zx_handle_t vmo) {
  zx_info_vmo_t info;
  return zx_object_get_info(vmo, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL) == ZX_OK &&
         info.cache_policy == ZX_CACHE_POLICY_CACHED;
}

// A pick whose handle the call may consume: taken out of the pool, never the
// runtime's own handles (closing those would end the run, not test anything).
zx_handle_t pick_consume(ctx_t* c, pick_t* p) {
  if (p->cls == H_SELF || p->cls == H_ROOT) {
    p->cls = H_INVALID;
    p->h = ZX_HANDLE_INVALID;
  }
  if (p->cls != H_LIVE) return p->h;
  zx_handle_t h = pool_take(c, p->slot);
  // In the concurrent phase the slot may have changed hands since it was
  // read: describe the handle actually taken (it is ours alone now).
  if (h == p->h && !c->concurrent) return h;
  p->h = h;
  if (!h) {
    p->cls = H_INVALID;
    return h;
  }
  zx_info_handle_basic_t info;
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) == ZX_OK) {
    p->type = info.type;
    p->rights = info.rights;
    p->koid = info.koid;
  }
  return p->h;
}

// ======= The operations =======
void op_page_size(ctx_t* c);
void op_self_handles(ctx_t* c);
void op_close(ctx_t* c);
void op_close_many(ctx_t* c);
void op_duplicate(ctx_t* c);
void op_replace(ctx_t* c);
void op_get_info(ctx_t* c);
void op_get_property(ctx_t* c);
void op_set_property(ctx_t* c);
void op_vmo_create(ctx_t* c);
void op_vmo_read(ctx_t* c);
void op_vmo_write(ctx_t* c);
void op_vmo_get_size(ctx_t* c);
void op_vmo_set_size(ctx_t* c);
void op_vmo_op_range(ctx_t* c);
void op_vmo_create_child(ctx_t* c);
void op_vmo_set_cache_policy(ctx_t* c);
void op_vmo_replace_as_executable(ctx_t* c);
void op_vmar_allocate(ctx_t* c);
void op_vmar_destroy(ctx_t* c);
void op_vmar_map(ctx_t* c);
void op_vmar_unmap(ctx_t* c);
void op_vmar_protect(ctx_t* c);
void op_vmar_op_range(ctx_t* c);
void op_deep_vmo(ctx_t* c);
void op_deep_allocate(ctx_t* c);
void op_deep_map(ctx_t* c);
void op_deep_child(ctx_t* c);
void op_deep_unmap(ctx_t* c);
void op_deep_protect(ctx_t* c);
void op_deep_resize(ctx_t* c);
void op_deep_inject(ctx_t* c);

// Weights favour the calls with the most arguments to get wrong, and the
// "deep" operations (valid calls that build real state) enough that the
// tables hold many regions, mappings and children at any time.
const op_t ops[] = {
    {"zx_system_get_page_size", op_page_size, 1, true},
    {"zx_process_self/zx_vmar_root_self", op_self_handles, 1, true},
    {"zx_handle_close", op_close, 5, true},
    {"zx_handle_close_many", op_close_many, 3, true},
    {"zx_handle_duplicate", op_duplicate, 6, true},
    {"zx_handle_replace", op_replace, 4, true},
    {"zx_object_get_info", op_get_info, 6, true},
    {"zx_object_get_property", op_get_property, 3, true},
    {"zx_object_set_property", op_set_property, 3, true},
    {"zx_vmo_create", op_vmo_create, 5, true},
    {"zx_vmo_read", op_vmo_read, 5, true},
    {"zx_vmo_write", op_vmo_write, 5, true},
    {"zx_vmo_get_size", op_vmo_get_size, 2, true},
    {"zx_vmo_set_size", op_vmo_set_size, 4, true},
    {"zx_vmo_op_range", op_vmo_op_range, 5, true},
    {"zx_vmo_create_child", op_vmo_create_child, 5, true},
    {"zx_vmo_set_cache_policy", op_vmo_set_cache_policy, 2, true},
    {"zx_vmo_replace_as_executable", op_vmo_replace_as_executable, 2, true},
    {"zx_vmar_allocate", op_vmar_allocate, 5, true},
    {"zx_vmar_destroy", op_vmar_destroy, 2, true},
    {"zx_vmar_map", op_vmar_map, 8, true},
    {"zx_vmar_unmap", op_vmar_unmap, 6, true},
    {"zx_vmar_protect", op_vmar_protect, 6, true},
    {"zx_vmar_op_range", op_vmar_op_range, 4, true},
    {"deep: VMO with data", op_deep_vmo, 3, true},
    {"deep: sub-VMAR", op_deep_allocate, 3, true},
    {"deep: mapping, checked", op_deep_map, 6, true},
    {"deep: child VMO", op_deep_child, 3, true},
    {"deep: partial unmap", op_deep_unmap, 3, true},
    {"deep: partial protect", op_deep_protect, 3, true},
    {"deep: resize a mapped VMO", op_deep_resize, 2, true},
    {"deep: injected allocation failure", op_deep_inject, 1, false},
};
const size_t num_ops = sizeof(ops) / sizeof(ops[0]);

void run_one(ctx_t* c) {
  static _Atomic unsigned total_weight;
  unsigned total = atomic_load_explicit(&total_weight, memory_order_relaxed);
  if (!total) {
    for (size_t i = 0; i < num_ops; i++) total += ops[i].weight;
    atomic_store(&total_weight, total);
  }
  for (;;) {
    unsigned r = (unsigned)rng_below(&c->rng, total);
    size_t i = 0;
    while (r >= ops[i].weight) r -= ops[i++].weight;
    if (c->concurrent && !ops[i].concurrent_ok) continue;
    ops[i].fn(c);
    return;
  }
}
