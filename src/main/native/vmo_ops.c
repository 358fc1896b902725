// Copyright 2026 The zircon-ffm Authors.
//
// zx_vmo_op_range, zx_vmo_set_cache_policy and zx_vmo_replace_as_executable.

#include <string.h>

#include "emu.h"

static bool in_range(uint64_t offset, uint64_t len, uint64_t size) {
  return offset + len >= offset && offset + len <= size;
}

// ZX_VMO_OP_LOCK / TRY_LOCK / UNLOCK on a discardable VMO. Nothing is ever
// discarded here (Fuchsia may, but need not), so a lock always finds the
// contents intact.
static zx_status_t lock_op(zxe_vmo_t* t, uint32_t op, uint64_t offset, uint64_t len,
                           void* buffer, size_t buffer_size) {
  if (!(t->flags & ZXE_VMO_DISCARDABLE)) return ZX_ERR_NOT_SUPPORTED;
  if (offset != 0 || len != t->size) return ZX_ERR_OUT_OF_RANGE;
  if (op == ZX_VMO_OP_UNLOCK) {
    if (t->lock_count == 0) return ZX_ERR_BAD_STATE;
    t->lock_count--;
    return ZX_OK;
  }
  if (op == ZX_VMO_OP_LOCK) {
    zx_vmo_lock_state_t state = {.offset = 0, .size = t->size};
    if (buffer_size < sizeof(state) || !zxe_copy_out(buffer, &state, sizeof(state))) {
      return ZX_ERR_INVALID_ARGS;
    }
  }
  t->lock_count++;
  return ZX_OK;
}

static zx_status_t op_range_locked(zxe_vmo_t* v, zx_rights_t rights, uint32_t op, uint64_t offset,
                                   uint64_t len, void* buffer, size_t buffer_size) {
  zxe_vmo_t* t = zxe_vmo_target(v);
  uint64_t size = t->size;
  switch (op) {
    case ZX_VMO_OP_COMMIT: {
      if (!(rights & ZX_RIGHT_WRITE)) return ZX_ERR_ACCESS_DENIED;
      if (!in_range(offset, len, size)) return ZX_ERR_OUT_OF_RANGE;
      uint64_t start = offset & ~(uint64_t)(zxe_page - 1);
      uint64_t end;
      if (len == 0 || !zxe_round_page(offset + len, &end)) return ZX_OK;
      return zxe_vmo_commit(v, start, end - start);
    }
    case ZX_VMO_OP_DECOMMIT:
      if (!(rights & ZX_RIGHT_WRITE)) return ZX_ERR_ACCESS_DENIED;
      if (!in_range(offset, len, size)) return ZX_ERR_OUT_OF_RANGE;
      if (!zxe_page_aligned(offset) || !zxe_page_aligned(len)) return ZX_ERR_INVALID_ARGS;
      return zxe_vmo_decommit(v, offset, len);
    case ZX_VMO_OP_ZERO:
      if (!(rights & ZX_RIGHT_WRITE)) return ZX_ERR_ACCESS_DENIED;
      if (!in_range(offset, len, size)) return ZX_ERR_OUT_OF_RANGE;
      return len ? zxe_vmo_zero(v, offset, len) : ZX_OK;
    case ZX_VMO_OP_LOCK:
    case ZX_VMO_OP_TRY_LOCK:
    case ZX_VMO_OP_UNLOCK:
      if (!(rights & (ZX_RIGHT_READ | ZX_RIGHT_WRITE))) return ZX_ERR_ACCESS_DENIED;
      return lock_op(t, op, offset, len, buffer, buffer_size);
    case ZX_VMO_OP_CACHE_SYNC:
    case ZX_VMO_OP_CACHE_CLEAN:
    case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
    case ZX_VMO_OP_CACHE_INVALIDATE:
      // Invalidating may drop dirty lines, which writes the VMO.
      if (!(rights & (op == ZX_VMO_OP_CACHE_INVALIDATE ? ZX_RIGHT_WRITE : ZX_RIGHT_READ))) {
        return ZX_ERR_ACCESS_DENIED;
      }
      if (len == 0) return ZX_ERR_INVALID_ARGS;
      // x86 caches are coherent for the memory we hand out: nothing to do.
      return in_range(offset, len, size) ? ZX_OK : ZX_ERR_OUT_OF_RANGE;
    case ZX_VMO_OP_PREFETCH:
      if (!(rights & ZX_RIGHT_READ)) return ZX_ERR_ACCESS_DENIED;
      return in_range(offset, len, size) ? ZX_OK : ZX_ERR_OUT_OF_RANGE;
    case ZX_VMO_OP_DONT_NEED:
    case ZX_VMO_OP_ALWAYS_NEED:
      // Fuchsia ignores eviction hints (before any range check) on VMOs
      // whose pages cannot be evicted, which are all VMOs here.
      return ZX_OK;
    default:
      return ZX_ERR_INVALID_ARGS;
  }
}

__EXPORT zx_status_t zx_vmo_op_range(zx_handle_t handle, uint32_t op, uint64_t offset,
                                     uint64_t size, void* buffer, size_t buffer_size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (!zxe_call_fault(ZXE_CALL_VMO_OP_RANGE, &st)) {
    zxe_obj_t* o;
    zx_rights_t rights;
    st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, 0, &o, &rights);
    if (st == ZX_OK) st = op_range_locked((zxe_vmo_t*)o, rights, op, offset, size, buffer, buffer_size);
  }
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmo_set_cache_policy(zx_handle_t handle, uint32_t cache_policy) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_SET_CACHE_POLICY, &st)) goto out;
  if (cache_policy & ~ZX_CACHE_POLICY_MASK) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zxe_obj_t* o;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, ZX_RIGHT_MAP, &o, NULL);
  if (st != ZX_OK) goto out;
  zxe_vmo_t* v = (zxe_vmo_t*)o;
  zxe_vmo_t* t = zxe_vmo_target(v);
  // Fuchsia fixes the policy once the VMO is mapped or part of a hierarchy.
  if (v->num_mappings || t->num_mappings || v->num_children || t->num_children || v->parent ||
      v->parent_koid) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  // Linux has no uncached user mappings of shared memory: the policy is
  // recorded (reads and writes through the VMO honour it), mappings stay cached.
  t->cache_policy = cache_policy;
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmo_replace_as_executable(zx_handle_t handle, zx_handle_t vmex,
                                                  zx_handle_t* out) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_REPLACE_AS_EXECUTABLE, &st)) goto out;
  // ZX_HANDLE_INVALID stands for the ambient permission, which the emulated
  // process has. No resource objects exist here, so any other vmex is wrong.
  zx_status_t vmex_status = ZX_OK;
  if (vmex != ZX_HANDLE_INVALID) {
    zxe_obj_t* r;
    vmex_status = zxe_handle_get(vmex, ZX_OBJ_TYPE_RESOURCE, 0, &r, NULL);
  }
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_NONE, 0, &o, &rights);
  if (st != ZX_OK) goto out;
  // The handle is consumed from here on, whatever happens.
  zxe_obj_ref(o);
  zxe_handle_remove(handle);
  if (o->type != ZX_OBJ_TYPE_VMO) {
    st = ZX_ERR_BAD_HANDLE;
  } else if (vmex_status != ZX_OK) {
    st = vmex_status;
  } else if (!zxe_out_ok(out) || zxe_alloc_fault()) {
    st = zxe_out_ok(out) ? ZX_ERR_NO_MEMORY : ZX_ERR_INVALID_ARGS;
  } else {
    zx_handle_t h;
    st = zxe_handle_add(o, rights | ZX_RIGHT_EXECUTE, &h);
    if (st == ZX_OK && !zxe_copy_out(out, &h, sizeof(h))) {
      zxe_handle_remove(h);
      st = ZX_ERR_INVALID_ARGS;
    }
  }
  zxe_obj_unref(o);
out:
  zxe_unlock();
  return st;
}
