// Copyright 2026 The zircon-ffm Authors.
//
// zx_object_get_info, zx_object_get_property and zx_object_set_property.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmar_internal.h"

static char process_name[ZX_MAX_NAME_LEN];

// A topic answered with one record: BUFFER_TOO_SMALL (after reporting
// actual = 0, avail = 1) when the buffer cannot hold it.
static zx_status_t single_record(void* buffer, size_t buffer_size, size_t* actual, size_t* avail,
                                 const void* record, size_t record_size) {
  size_t n = 0, one = 1;
  if (buffer_size >= record_size) {
    if (!zxe_copy_out(buffer, record, record_size)) return ZX_ERR_INVALID_ARGS;
    n = 1;
  }
  if (actual && !zxe_copy_out(actual, &n, sizeof(n))) return ZX_ERR_INVALID_ARGS;
  if (avail && !zxe_copy_out(avail, &one, sizeof(one))) return ZX_ERR_INVALID_ARGS;
  return n ? ZX_OK : ZX_ERR_BUFFER_TOO_SMALL;
}

// Pages of an address-space-sized xarray node's worth: what tmpfs spends on
// bookkeeping per 64 pages, reported as the VMO's metadata.
#define XA_NODE_BYTES 576u
#define XA_NODE_PAGES 64u

static void vmo_info(zxe_vmo_t* v, zx_rights_t rights, zx_info_vmo_t* info) {
  zxe_vmo_t* t = zxe_vmo_target(v);
  memset(info, 0, sizeof(*info));
  info->koid = v->obj.koid;
  memcpy(info->name, v->name, sizeof(info->name));
  info->size_bytes = t->size;
  info->parent_koid = v->parent_koid;
  info->num_children = v->num_children;
  info->num_mappings = v->num_mappings;
  info->share_count = v->num_mappings ? 1 : 0;
  info->flags = ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE;
  if (t->flags & ZXE_VMO_RESIZABLE) info->flags |= ZX_INFO_VMO_RESIZABLE;
  if (t->flags & ZXE_VMO_DISCARDABLE) info->flags |= ZX_INFO_VMO_DISCARDABLE;
  if (v->flags & ZXE_VMO_COW_CLONE) info->flags |= ZX_INFO_VMO_IS_COW_CLONE;
  if (v->flags & ZXE_VMO_IMMUTABLE) info->flags |= ZX_INFO_VMO_IMMUTABLE;
  // Pages are charged to the VMO that owns them: slices and references own none.
  uint64_t bytes = v->owns_fd ? zxe_vmo_populated_bytes(v, 0, v->size) : 0;
  info->committed_bytes = bytes;
  info->populated_bytes = bytes;
  info->committed_private_bytes = bytes;
  info->populated_private_bytes = bytes;
  info->committed_scaled_bytes = bytes;
  info->populated_scaled_bytes = bytes;
  uint64_t pages = bytes >> zxe_page_shift;
  info->metadata_bytes = (pages + XA_NODE_PAGES - 1) / XA_NODE_PAGES * XA_NODE_BYTES;
  info->handle_rights = rights;
  info->cache_policy = t->cache_policy;
}

// ======= Address-space maps, depth first =======

typedef struct {
  char* buffer;  // caller's
  size_t capacity;
  size_t actual;
  size_t avail;
  bool fault;
} maps_out_t;

static void emit(maps_out_t* out, const zx_info_maps_t* e) {
  if (out->actual < out->capacity && !out->fault) {
    if (zxe_copy_out(out->buffer + out->actual * sizeof(*e), e, sizeof(*e))) {
      out->actual++;
    } else {
      out->fault = true;
    }
  }
  out->avail++;
}

static void emit_vmar(maps_out_t* out, zxe_vmar_t* v, size_t depth) {
  zx_info_maps_t e;
  memset(&e, 0, sizeof(e));
  strcpy(e.name, v == zxe_root_vmar() ? "root" : "useralloc");
  e.base = v->node.base;
  e.size = v->node.size;
  e.depth = depth;
  e.type = ZX_INFO_MAPS_TYPE_VMAR;
  emit(out, &e);
}

static void emit_mapping(maps_out_t* out, zxe_mapping_t* m, size_t depth) {
  zx_info_maps_t e;
  memset(&e, 0, sizeof(e));
  memcpy(e.name, m->vmo->name, sizeof(e.name));
  e.base = m->node.base;
  e.size = m->node.size;
  e.depth = depth;
  e.type = ZX_INFO_MAPS_TYPE_MAPPING;
  e.u.mapping.mmu_flags = m->perms;
  e.u.mapping.vmo_koid = m->vmo->obj.koid;
  e.u.mapping.vmo_offset = m->vmo_offset;
  uint64_t vmo_size = zxe_vmo_target(m->vmo)->size;
  uint64_t len = m->vmo_offset >= vmo_size ? 0 : vmo_size - m->vmo_offset;
  if (len > m->node.size) len = m->node.size;
  size_t bytes = len ? zxe_vmo_populated_bytes(m->vmo, m->vmo_offset, len) : 0;
  e.u.mapping.committed_bytes = bytes;
  e.u.mapping.populated_bytes = bytes;
  e.u.mapping.committed_private_bytes = bytes;
  e.u.mapping.populated_private_bytes = bytes;
  e.u.mapping.committed_scaled_bytes = bytes;
  e.u.mapping.populated_scaled_bytes = bytes;
  emit(out, &e);
}

// Lists vmar (at depth) and everything under it, without recursion.
static void emit_tree(maps_out_t* out, zxe_vmar_t* top, size_t depth) {
  emit_vmar(out, top, depth);
  zxe_vmar_t* cur = top;
  uintptr_t cursor = top->node.base;  // next address to visit in cur
  for (;;) {
    zxe_region_t* r = zxe_rt_first_ending_after(cur->children, cursor);
    if (!r) {
      if (cur == top) return;
      cursor = zxe_vmar_end(cur);
      cur = cur->parent;
      depth--;
      continue;
    }
    if (r->kind == ZXE_REGION_MAPPING) {
      emit_mapping(out, zxe_region_mapping(r), depth + 1);
      cursor = zxe_region_end(r);
    } else {
      cur = zxe_region_vmar(r);
      depth++;
      emit_vmar(out, cur, depth);
      cursor = cur->node.base;
    }
  }
}

static zx_status_t maps_info(zxe_vmar_t* vmar, bool aspace, void* buffer, size_t buffer_size,
                             size_t* actual, size_t* avail) {
  maps_out_t out = {.buffer = buffer, .capacity = buffer_size / sizeof(zx_info_maps_t)};
  size_t depth = 0;
  if (aspace) {
    zx_info_maps_t e;
    memset(&e, 0, sizeof(e));
    strcpy(e.name, "proc:");
    snprintf(e.name + 5, sizeof(e.name) - 5, "%llu",
             (unsigned long long)zxe_process()->obj.koid);
    e.base = vmar->node.base;
    e.size = vmar->node.size;
    e.type = ZX_INFO_MAPS_TYPE_ASPACE;
    emit(&out, &e);
    depth = 1;
  }
  if (!vmar->destroyed) emit_tree(&out, vmar, depth);
  if (out.fault) return ZX_ERR_INVALID_ARGS;
  if (actual && !zxe_copy_out(actual, &out.actual, sizeof(size_t))) return ZX_ERR_INVALID_ARGS;
  if (avail && !zxe_copy_out(avail, &out.avail, sizeof(size_t))) return ZX_ERR_INVALID_ARGS;
  return ZX_OK;
}

static zx_status_t get_info_locked(zx_handle_t handle, uint32_t topic, void* buffer,
                                   size_t buffer_size, size_t* actual, size_t* avail) {
  zxe_obj_t* o;
  zx_rights_t rights;
  zx_status_t st;
  switch (topic) {
    case ZX_INFO_HANDLE_VALID:
      return zxe_handle_get(handle, ZX_OBJ_TYPE_NONE, 0, &o, NULL);
    case ZX_INFO_HANDLE_BASIC: {
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_NONE, 0, &o, &rights);
      if (st != ZX_OK) return st;
      zx_info_handle_basic_t info;
      memset(&info, 0, sizeof(info));
      info.koid = o->koid;
      info.rights = rights;
      info.type = o->type;
      return single_record(buffer, buffer_size, actual, avail, &info, sizeof(info));
    }
    case ZX_INFO_VMO_V1:
    case ZX_INFO_VMO_V2:
    case ZX_INFO_VMO_V3:
    case ZX_INFO_VMO: {
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMO, 0, &o, &rights);
      if (st != ZX_OK) return st;
      zx_info_vmo_t info;
      vmo_info((zxe_vmo_t*)o, rights, &info);
      // The older topics fill the prefix their smaller record had.
      size_t size = topic == ZX_INFO_VMO_V1   ? offsetof(zx_info_vmo_t, metadata_bytes)
                    : topic == ZX_INFO_VMO_V2 ? offsetof(zx_info_vmo_t, populated_bytes)
                    : topic == ZX_INFO_VMO_V3 ? offsetof(zx_info_vmo_t, committed_private_bytes)
                                              : sizeof(info);
      return single_record(buffer, buffer_size, actual, avail, &info, size);
    }
    case ZX_INFO_VMAR: {
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, &o, NULL);
      if (st != ZX_OK) return st;
      zxe_vmar_t* v = (zxe_vmar_t*)o;
      zx_info_vmar_t info = {.base = v->node.base, .len = v->node.size};
      return single_record(buffer, buffer_size, actual, avail, &info, sizeof(info));
    }
    case ZX_INFO_VMAR_MAPS:
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_INSPECT, &o, NULL);
      if (st != ZX_OK) return st;
      // Fuchsia enumerates only live regions (VmAddressRegion::EnumerateChildren).
      if (((zxe_vmar_t*)o)->destroyed) return ZX_ERR_BAD_STATE;
      return maps_info((zxe_vmar_t*)o, false, buffer, buffer_size, actual, avail);
    case ZX_INFO_PROCESS_MAPS:
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_INSPECT, &o, NULL);
      if (st != ZX_OK) return st;
      return maps_info(zxe_root_vmar(), true, buffer, buffer_size, actual, avail);
    case ZX_INFO_PROCESS_HANDLE_STATS: {
      st = zxe_handle_get(handle, ZX_OBJ_TYPE_PROCESS, ZX_RIGHT_INSPECT, &o, NULL);
      if (st != ZX_OK) return st;
      zx_info_process_handle_stats_t info;
      zxe_handle_stats(info.handle_count);
      return single_record(buffer, buffer_size, actual, avail, &info, sizeof(info));
    }
    default:
      return ZX_ERR_NOT_SUPPORTED;  // before any look at the handle, as in Fuchsia
  }
}

__EXPORT zx_status_t zx_object_get_info(zx_handle_t handle, uint32_t topic, void* buffer,
                                        size_t buffer_size, size_t* actual, size_t* avail) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (!zxe_call_fault(ZXE_CALL_OBJECT_GET_INFO, &st)) {
    st = get_info_locked(handle, topic, buffer, buffer_size, actual, avail);
  }
  zxe_unlock();
  return st;
}

static char* name_of(zxe_obj_t* o) {
  switch (o->type) {
    case ZX_OBJ_TYPE_VMO:
      return ((zxe_vmo_t*)o)->name;
    case ZX_OBJ_TYPE_PROCESS:
      return process_name;
    default:
      return NULL;
  }
}

__EXPORT zx_status_t zx_object_get_property(zx_handle_t handle, uint32_t property, void* value,
                                            size_t value_size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_OBJECT_GET_PROPERTY, &st)) goto out;
  if (!value) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zxe_obj_t* o;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_NONE, ZX_RIGHT_GET_PROPERTY, &o, NULL);
  if (st != ZX_OK) goto out;
  switch (property) {
    case ZX_PROP_NAME: {
      if (value_size < ZX_MAX_NAME_LEN) {
        st = ZX_ERR_BUFFER_TOO_SMALL;
        break;
      }
      char name[ZX_MAX_NAME_LEN] = {0};
      const char* n = name_of(o);
      if (n) memcpy(name, n, sizeof(name));
      if (!zxe_copy_out(value, name, sizeof(name))) st = ZX_ERR_INVALID_ARGS;
      break;
    }
    case ZX_PROP_VMO_CONTENT_SIZE: {
      if (value_size < sizeof(uint64_t)) {
        st = ZX_ERR_BUFFER_TOO_SMALL;
        break;
      }
      if (o->type != ZX_OBJ_TYPE_VMO) {
        st = ZX_ERR_WRONG_TYPE;
        break;
      }
      uint64_t cs = zxe_vmo_target((zxe_vmo_t*)o)->content_size;
      if (!zxe_copy_out(value, &cs, sizeof(cs))) st = ZX_ERR_INVALID_ARGS;
      break;
    }
    default:
      st = ZX_ERR_NOT_SUPPORTED;
  }
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_object_set_property(zx_handle_t handle, uint32_t property,
                                            const void* value, size_t value_size) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_OBJECT_SET_PROPERTY, &st)) goto out;
  if (!value) {
    st = ZX_ERR_INVALID_ARGS;
    goto out;
  }
  zxe_obj_t* o;
  zx_rights_t rights;
  st = zxe_handle_get(handle, ZX_OBJ_TYPE_NONE, ZX_RIGHT_SET_PROPERTY, &o, &rights);
  if (st != ZX_OK) goto out;
  switch (property) {
    case ZX_PROP_NAME: {
      char* n = name_of(o);
      if (!n) {
        st = ZX_ERR_NOT_SUPPORTED;
        break;
      }
      // Longer names are truncated; the stored name always ends in NUL.
      char name[ZX_MAX_NAME_LEN] = {0};
      size_t len = value_size < ZX_MAX_NAME_LEN - 1 ? value_size : ZX_MAX_NAME_LEN - 1;
      if (!zxe_copy_in(name, value, len)) {
        st = ZX_ERR_INVALID_ARGS;
        break;
      }
      memset(n, 0, ZX_MAX_NAME_LEN);
      memcpy(n, name, strnlen(name, len));
      break;
    }
    case ZX_PROP_VMO_CONTENT_SIZE: {
      if (!(rights & ZX_RIGHT_WRITE)) {
        st = ZX_ERR_ACCESS_DENIED;
        break;
      }
      if (value_size < sizeof(uint64_t)) {
        st = ZX_ERR_BUFFER_TOO_SMALL;
        break;
      }
      if (o->type != ZX_OBJ_TYPE_VMO) {
        st = ZX_ERR_WRONG_TYPE;
        break;
      }
      uint64_t cs;
      if (!zxe_copy_in(&cs, value, sizeof(cs))) {
        st = ZX_ERR_INVALID_ARGS;
        break;
      }
      zxe_vmo_t* t = zxe_vmo_target((zxe_vmo_t*)o);
      // Fuchsia zeroes what lies past a lowered content size.
      if (cs < t->size) st = zxe_vmo_zero(t, cs, t->size - cs);
      if (st == ZX_OK) t->content_size = cs;
      break;
    }
    default:
      st = ZX_ERR_NOT_SUPPORTED;
  }
out:
  zxe_unlock();
  return st;
}

__attribute__((constructor)) static void info_init(void) {
  strncpy(process_name, program_invocation_short_name, sizeof(process_name) - 1);
}
