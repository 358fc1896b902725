// Copyright 2026 The zircon-ffm Authors.
//
// zx_vmo_create_child. Snapshots copy the parent's pages eagerly (holes stay
// holes), which gives the isolation Fuchsia's copy-on-write promises; slices
// and references share the parent's memfd.

#include <stdlib.h>
#include <string.h>

#include "emu.h"

static zx_status_t make_snapshot(zxe_vmo_t* parent, uint64_t offset, uint64_t size,
                                 uint32_t flags, zxe_vmo_t** out) {
  zxe_vmo_t* src = zxe_vmo_target(parent);
  if (src->cache_policy != ZX_CACHE_POLICY_CACHED) return ZX_ERR_BAD_STATE;
  zxe_vmo_t* c;
  zx_status_t st = zxe_vmo_new(size, flags | ZXE_VMO_COW_CLONE, &c);
  if (st != ZX_OK) return st;
  // Past the parent's end the child reads zeros: copy only the overlap.
  if (offset < src->size) {
    uint64_t len = src->size - offset < size ? src->size - offset : size;
    st = zxe_storage_copy(src, src->fd_offset + offset, c, 0, len);
    if (st != ZX_OK) {
      zxe_obj_ref(&c->obj);
      zxe_obj_unref(&c->obj);
      return st;
    }
  }
  *out = c;
  return ZX_OK;
}

static zx_status_t make_window(zxe_vmo_t* parent, uint64_t offset, uint64_t size, uint32_t kind,
                               zxe_vmo_t** out) {
  zxe_vmo_t* c = calloc(1, sizeof(*c));
  if (!c) return ZX_ERR_NO_MEMORY;
  zxe_vmo_t* t = zxe_vmo_target(parent);
  zxe_obj_init(&c->obj, ZX_OBJ_TYPE_VMO);
  c->fd = t->fd;
  c->fd_hi = t->fd_hi;
  c->owns_fd = false;
  c->fd_offset = t->fd_offset + offset;
  c->size = size;
  c->content_size = size;
  c->flags = kind;
  c->cache_policy = t->cache_policy;
  *out = c;
  return ZX_OK;
}

__EXPORT zx_status_t zx_vmo_create_child(zx_handle_t handle, uint32_t options, uint64_t offset,
                                         uint64_t size, zx_handle_t* out) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_VMO_CREATE_CHILD, &st)) goto out;
  // Resizing needs WRITE, which NO_WRITE removes.
  if ((options & ZX_VMO_CHILD_NO_WRITE) && (options & ZX_VMO_CHILD_RESIZABLE)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  bool no_write = options & ZX_VMO_CHILD_NO_WRITE;
  options &= ~ZX_VMO_CHILD_NO_WRITE;
  zxe_obj_t* o;
  zx_rights_t in_rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ, &o, &in_rights);
  if (st != ZX_OK) goto out;
  zxe_vmo_t* parent = (zxe_vmo_t*)o;
  zxe_vmo_t* target = zxe_vmo_target(parent);
  if (target->flags & ZXE_VMO_DISCARDABLE) {
    st = ZX_ERR_NOT_SUPPORTED;
    goto out;
  }
  enum { SNAPSHOT, SLICE, REFERENCE } type;
  bool resizable = false;
  if (options & ZX_VMO_CHILD_SLICE) {
    type = SLICE;
    options &= ~ZX_VMO_CHILD_SLICE;
  } else if (options & ZX_VMO_CHILD_REFERENCE) {
    type = REFERENCE;
    options &= ~ZX_VMO_CHILD_REFERENCE;
    resizable = options & ZX_VMO_CHILD_RESIZABLE;
    options &= ~ZX_VMO_CHILD_RESIZABLE;
  } else {
    type = SNAPSHOT;
    // Exactly one snapshot kind; all give an isolated copy here.
    if (options & ZX_VMO_CHILD_SNAPSHOT) {
      options &= ~ZX_VMO_CHILD_SNAPSHOT;
    } else if (options & ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE) {
      options &= ~ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE;
    } else if (options & ZX_VMO_CHILD_SNAPSHOT_MODIFIED) {
      options &= ~ZX_VMO_CHILD_SNAPSHOT_MODIFIED;
    } else {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
    resizable = options & ZX_VMO_CHILD_RESIZABLE;
    options &= ~ZX_VMO_CHILD_RESIZABLE;
  }
  if (options) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  uint64_t rounded = 0;
  if (type == REFERENCE) {
    // A reference is the whole parent: offset and size must be 0.
    if (offset != 0 || size != 0) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
    if (resizable && !(target->flags & ZXE_VMO_RESIZABLE)) {
      st = ZX_ERR_NOT_SUPPORTED;
      goto out;
    }
  } else {
    if (!zxe_round_page(size, &rounded) || rounded > ZXE_MAX_VMO_SIZE) {
      st = ZX_ERR_OUT_OF_RANGE;
      goto out;
    }
    if (!zxe_page_aligned(offset)) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
  }
  if (type == SLICE) {
    // Slices stay within the parent, whose size then cannot change.
    if (offset + rounded < offset || offset + rounded > target->size) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
    if (target->flags & ZXE_VMO_RESIZABLE) {
      st = ZX_ERR_NOT_SUPPORTED;
      goto out;
    }
  } else if (type == SNAPSHOT) {
    if (offset + rounded < offset) {
      st = ZX_ERR_OUT_OF_RANGE;
      goto out;
    }
    // Fuchsia tracks a clone's offset within the original VMO.
    if (parent->root_offset + offset < parent->root_offset ||
        parent->root_offset + offset + rounded < parent->root_offset + offset) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
  }
  if (!zxe_out_ok(out)) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  if (zxe_alloc_fault()) {
    st = ZX_ERR_NO_MEMORY;
    goto out;
  }
  zxe_vmo_t* child;
  if (type == SNAPSHOT) {
    st = make_snapshot(parent, offset, rounded, resizable ? ZXE_VMO_RESIZABLE : 0, &child);
    if (st == ZX_OK) {
      child->root_offset = parent->root_offset + offset;
      if (no_write && !resizable) child->flags |= ZXE_VMO_IMMUTABLE;
    }
  } else if (type == SLICE) {
    st = make_window(parent, offset, rounded, ZXE_VMO_SLICE, &child);
  } else {
    st = make_window(parent, 0, target->size, ZXE_VMO_REFERENCE, &child);
  }
  if (st != ZX_OK) goto out;
  child->content_size = type == REFERENCE ? target->content_size : size;
  // The child takes the parent's name when the parent's name may be read.
  if (in_rights & ZX_RIGHT_GET_PROPERTY) memcpy(child->name, parent->name, sizeof(child->name));
  zxe_vmo_link_child(parent, child);
  if (type != SNAPSHOT) zxe_obj_ref(&parent->obj);  // the window keeps its pages' owner
  zx_rights_t rights = (in_rights & ~ZX_RIGHT_RESIZE) | (resizable ? ZX_RIGHT_RESIZE : 0) |
                       ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
  if (no_write) {
    rights &= ~ZX_RIGHT_WRITE;
  } else if (type == SNAPSHOT) {
    rights = (rights & ~ZX_RIGHT_EXECUTE) | ZX_RIGHT_WRITE;
  }
  st = zxe_handle_give(&child->obj, rights, out);
out:
  zxe_unlock();
  return st;
}
