// Copyright 2026 The zircon-ffm Authors.
//
// VMO objects on memfds, and zx_vmo_create / read / write / get_size /
// set_size. Reads and writes go through pread/pwrite, so that a bad caller
// buffer gives an error (EFAULT) instead of a crash.

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu.h"

zx_status_t zxe_vmo_new(uint64_t size, uint32_t flags, zxe_vmo_t** out) {
  zxe_vmo_t* v = calloc(1, sizeof(*v));
  if (!v) return ZX_ERR_NO_MEMORY;
  zx_status_t st = zxe_storage_create(v, size);
  if (st != ZX_OK) {
    free(v);
    return st;
  }
  zxe_obj_init(&v->obj, ZX_OBJ_TYPE_VMO);
  v->owns_fd = true;
  v->size = size;
  v->content_size = size;
  v->flags = flags;
  v->cache_policy = ZX_CACHE_POLICY_CACHED;
  *out = v;
  return ZX_OK;
}

void zxe_vmo_link_child(zxe_vmo_t* parent, zxe_vmo_t* child) {
  child->parent = parent;
  child->parent_koid = parent->obj.koid;
  child->prev_sibling = NULL;
  child->next_sibling = parent->first_child;
  if (parent->first_child) parent->first_child->prev_sibling = child;
  parent->first_child = child;
  parent->num_children++;
}

zxe_obj_t* zxe_vmo_destroy(zxe_vmo_t* v) {
  zxe_vmo_t* parent = v->parent;
  if (parent) {
    if (v->prev_sibling) {
      v->prev_sibling->next_sibling = v->next_sibling;
    } else {
      parent->first_child = v->next_sibling;
    }
    if (v->next_sibling) v->next_sibling->prev_sibling = v->prev_sibling;
    parent->num_children--;
  }
  // Snapshot children outlive their parent; they keep parent_koid only.
  for (zxe_vmo_t* c = v->first_child; c;) {
    zxe_vmo_t* next = c->next_sibling;
    c->parent = NULL;
    c->prev_sibling = c->next_sibling = NULL;
    c = next;
  }
  if (v->owns_fd) zxe_storage_close(v);
  bool holds_parent = (v->flags & (ZXE_VMO_SLICE | ZXE_VMO_REFERENCE)) != 0;
  free(v);
  return holds_parent && parent ? &parent->obj : NULL;
}

// The storage range of [offset, offset+len) of a VMO, clipped to its window.
static bool window(zxe_vmo_t* vmo, uint64_t offset, uint64_t* len, zxe_vmo_t** t,
                   uint64_t* vs) {
  *t = zxe_vmo_target(vmo);
  if (offset >= (*t)->size || *len == 0) return false;
  if (*len > (*t)->size - offset) *len = (*t)->size - offset;
  *vs = (*t)->fd_offset + offset;
  return true;
}

uint64_t zxe_vmo_populated_bytes(zxe_vmo_t* vmo, uint64_t offset, uint64_t len) {
  zxe_vmo_t* t;
  uint64_t vs;
  if (!window(vmo, offset, &len, &t, &vs)) return 0;
  if (t->owns_fd && offset == 0 && len == t->size) return zxe_storage_populated_all(t);
  return zxe_storage_populated(t, vs, len);
}

zx_status_t zxe_vmo_decommit(zxe_vmo_t* vmo, uint64_t offset, uint64_t len) {
  zxe_vmo_t* t;
  uint64_t vs;
  return window(vmo, offset, &len, &t, &vs) ? zxe_storage_decommit(t, vs, len) : ZX_OK;
}

zx_status_t zxe_vmo_commit(zxe_vmo_t* vmo, uint64_t offset, uint64_t len) {
  zxe_vmo_t* t;
  uint64_t vs;
  return window(vmo, offset, &len, &t, &vs) ? zxe_storage_commit(t, vs, len) : ZX_OK;
}

zx_status_t zxe_vmo_zero(zxe_vmo_t* vmo, uint64_t offset, uint64_t len) {
  zxe_vmo_t* t;
  uint64_t vs;
  return window(vmo, offset, &len, &t, &vs) ? zxe_storage_zero(t, vs, len) : ZX_OK;
}

__EXPORT zx_status_t zx_vmo_create(uint64_t size, uint32_t options, zx_handle_t* out) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_CREATE, &st)) goto out;
  if (options & ~(ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uint64_t content_size = size;
  uint32_t flags = 0;
  if (options & ZX_VMO_UNBOUNDED) {
    // An unbounded VMO is as large as a VMO can be; `size` is its content size.
    if (options & ZX_VMO_RESIZABLE) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
    size = ZXE_MAX_VMO_SIZE;
    flags |= ZXE_VMO_UNBOUNDED;
  }
  if (options & ZX_VMO_RESIZABLE) flags |= ZXE_VMO_RESIZABLE;
  if (options & ZX_VMO_DISCARDABLE) flags |= ZXE_VMO_DISCARDABLE;
  uint64_t rounded;
  if (!zxe_round_page(size, &rounded) || rounded > ZXE_MAX_VMO_SIZE) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  if (!zxe_out_ok(out)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (zxe_alloc_fault()) {
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  zxe_vmo_t* v;
  st = zxe_vmo_new(rounded, flags, &v);
  if (st != ZX_OK) goto out;
  v->content_size = content_size;
  zx_rights_t rights = ZX_DEFAULT_VMO_RIGHTS | (flags & ZXE_VMO_RESIZABLE ? ZX_RIGHT_RESIZE : 0);
  st = zxe_handle_give(&v->obj, rights, out);
out:
  zxe_unlock();
  return st;
}

// The status of a copy that faulted at addr: ACCESS_DENIED if addr is in one
// of our mappings without the permission needed, OUT_OF_RANGE if it is in one
// that allows it (so past its VMO's end), else NOT_FOUND (as Fuchsia reports
// an unmapped user buffer).
static zx_status_t fault_status(uintptr_t addr, uint32_t needed_perm) {
  zxe_mapping_t* m = zxe_find_mapping(addr);
  if (!m) return ZX_ERR_NOT_FOUND;
  return (m->perms & needed_perm) ? ZX_ERR_OUT_OF_RANGE : ZX_ERR_ACCESS_DENIED;
}

// Moves len bytes between the caller's buffer and the VMO at offset, which the
// caller has bounds-checked.
static zx_status_t transfer(zxe_vmo_t* vmo, char* buf, uint64_t offset, size_t len, bool write) {
  zxe_vmo_t* t = zxe_vmo_target(vmo);
  uint64_t vs = t->fd_offset + offset;
  size_t done = 0;
  while (done < len) {
    int fd;
    uint64_t off;
    uint64_t room = zxe_storage_at(t, vs + done, &fd, &off);
    size_t chunk = len - done;
    if (chunk > room) chunk = (size_t)room;
    if (chunk > (1u << 30)) chunk = 1u << 30;
    ssize_t n = write ? pwrite(fd, buf + done, chunk, (off_t)off)
                      : pread(fd, buf + done, chunk, (off_t)off);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EFAULT) {
        return fault_status((uintptr_t)(buf + done), write ? ZX_VM_PERM_READ : ZX_VM_PERM_WRITE);
      }
      return zxe_errno_status(errno);
    }
    if (n == 0) return ZX_ERR_INTERNAL;  // the memfds are never shorter than the VMO
    done += (size_t)n;
  }
  return ZX_OK;
}

static zx_status_t read_write(enum zxe_call call, zx_handle_t handle, char* buf, uint64_t offset,
                              size_t len, bool write) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(call, &st)) goto out;
  zxe_obj_t* o;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, write ? ZX_RIGHT_WRITE : ZX_RIGHT_READ, &o, NULL);
  if (st != ZX_OK) goto out;
  zxe_vmo_t* v = (zxe_vmo_t*)o;
  if (zxe_vmo_target(v)->cache_policy != ZX_CACHE_POLICY_CACHED) {
    st = ZX_ERR_BAD_STATE;
    goto out;
  }
  uint64_t size = zxe_vmo_target(v)->size;
  if (offset + len < offset || offset + len > size) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  if (len > 0) st = transfer(v, buf, offset, len, write);
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmo_read(zx_handle_t handle, void* buffer, uint64_t offset,
                                 size_t buffer_size) {
  return read_write(ZXE_CALL_VMO_READ, handle, buffer, offset, buffer_size, false);
}

__EXPORT zx_status_t zx_vmo_write(zx_handle_t handle, const void* buffer, uint64_t offset,
                                  size_t buffer_size) {
  return read_write(ZXE_CALL_VMO_WRITE, handle, (char*)buffer, offset, buffer_size, true);
}

__EXPORT zx_status_t zx_vmo_get_size(zx_handle_t handle, uint64_t* size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_GET_SIZE, &st)) goto out;
  zxe_obj_t* o;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, ZX_RIGHT_NONE, &o, NULL);
  if (st != ZX_OK) goto out;
  uint64_t s = zxe_vmo_target((zxe_vmo_t*)o)->size;
  if (!zxe_copy_out(size, &s, sizeof(s))) st = ZX_ERR_INVALID_ARGS;
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_vmo_set_size(zx_handle_t handle, uint64_t size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_SET_SIZE, &st)) goto out;
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE, &o, &rights);
  if (st != ZX_OK) goto out;
  zxe_vmo_t* handle_vmo = (zxe_vmo_t*)o;
  zxe_vmo_t* v = zxe_vmo_target(handle_vmo);
  bool resizable = (v->flags & ZXE_VMO_RESIZABLE) != 0;
  if (resizable && !(rights & ZX_RIGHT_RESIZE)) {
    st = ZX_ERR_ACCESS_DENIED;
    goto out;
  }
  uint64_t rounded;
  if (!zxe_round_page(size, &rounded)) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  if (!resizable) {
    st = ZX_ERR_UNAVAILABLE;
    goto out;
  }
  if (rounded > ZXE_MAX_VMO_SIZE) {
    st = ZX_ERR_OUT_OF_RANGE;
    goto out;
  }
  // A clone's offset within its original, plus its size, must stay in range.
  if (handle_vmo->root_offset + rounded < handle_vmo->root_offset) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  // Shrinking drops the pages past the end (mappings of them fault); growing
  // adds holes, which read as zero.
  st = zxe_storage_resize(v, rounded);
  if (st != ZX_OK) goto out;
  v->size = rounded;
  v->content_size = size;
  // The tail of the last page past the content size reads as zero.
  if (rounded > size) st = zxe_vmo_zero(v, size, rounded - size);
out:
  zxe_unlock();
  return st;
}
