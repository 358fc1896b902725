// Copyright 2026 The zircon-ffm Authors.
//
// The handle table and the handle syscalls. A handle value is
//   generation << (INDEX_BITS + 2) | index << 2 | ZX_HANDLE_FIXED_BITS_MASK
// Free slots are reused in FIFO order, after every never-used slot, and each
// reuse bumps the slot's generation: a closed value does not come back soon.

#include <stdlib.h>
#include <sys/mman.h>

#include "emu.h"

#define INDEX_BITS 18u  // 262144 handles, as many as a Fuchsia process may hold
#define MAX_HANDLES (1u << INDEX_BITS)
#define GEN_BITS (32u - 2u - INDEX_BITS)
#define GEN_MASK ((1u << GEN_BITS) - 1u)
#define NO_SLOT UINT32_MAX

typedef struct {
  zxe_obj_t* obj;  // NULL when free
  zx_rights_t rights;
  uint32_t gen;
  uint32_t next_free;
} slot_t;

static slot_t* slots;  // MAX_HANDLES entries, reserved lazily
static uint32_t high_water;  // slots [0, high_water) have been used
static uint32_t free_head = NO_SLOT, free_tail = NO_SLOT;
static uint32_t live_by_type[ZX_OBJ_TYPE_UPPER_BOUND];

static bool table_ready(void) {
  if (slots) return true;
  void* p = mmap(NULL, sizeof(slot_t) * MAX_HANDLES, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return false;
  slots = p;
  return true;
}

static zx_handle_t make_value(uint32_t index, uint32_t gen) {
  return ((gen & GEN_MASK) << (INDEX_BITS + 2)) | (index << 2) | ZX_HANDLE_FIXED_BITS_MASK;
}

// The live slot a value names, or NULL.
static slot_t* lookup(zx_handle_t h) {
  if ((h & ZX_HANDLE_FIXED_BITS_MASK) != ZX_HANDLE_FIXED_BITS_MASK || !slots) return NULL;
  uint32_t index = (h >> 2) & (MAX_HANDLES - 1);
  if (index >= high_water) return NULL;
  slot_t* s = &slots[index];
  if (!s->obj || make_value(index, s->gen) != h) return NULL;
  return s;
}

void zxe_obj_init(zxe_obj_t* o, zx_obj_type_t type) {
  o->type = type;
  o->handle_count = 0;
  o->refs = 0;
  o->koid = zxe_new_koid();
}

void zxe_obj_unref(zxe_obj_t* o) {
  // Iterative, so that dropping the last of a long chain of slices (each
  // holding its parent) does not recurse.
  while (o && --o->refs == 0) {
    zxe_obj_t* next = NULL;
    switch (o->type) {
      case ZX_OBJ_TYPE_VMO:
        next = zxe_vmo_destroy((zxe_vmo_t*)o);
        break;
      case ZX_OBJ_TYPE_VMAR:
        zxe_vmar_destroy_obj((zxe_vmar_t*)o);
        break;
      default:
        break;
    }
    o = next;
  }
}

zx_status_t zxe_handle_get(zx_handle_t h, zx_obj_type_t type, zx_rights_t rights,
                           zxe_obj_t** obj, zx_rights_t* actual_rights) {
  slot_t* s = lookup(h);
  if (!s) return ZX_ERR_BAD_HANDLE;
  if (type != ZX_OBJ_TYPE_NONE && s->obj->type != type) return ZX_ERR_WRONG_TYPE;
  if ((s->rights & rights) != rights) return ZX_ERR_ACCESS_DENIED;
  *obj = s->obj;
  if (actual_rights) *actual_rights = s->rights;
  return ZX_OK;
}

zx_status_t zxe_handle_add(zxe_obj_t* obj, zx_rights_t rights, zx_handle_t* out) {
  if (!table_ready()) return ZX_ERR_NO_MEMORY;
  uint32_t index;
  if (high_water < MAX_HANDLES) {
    index = high_water++;
    slots[index].gen = 1;
  } else if (free_head != NO_SLOT) {
    index = free_head;
    free_head = slots[index].next_free;
    if (free_head == NO_SLOT) free_tail = NO_SLOT;
  } else {
    return ZX_ERR_NO_MEMORY;  // Fuchsia's handle arena is exhausted the same way
  }
  slot_t* s = &slots[index];
  s->obj = obj;
  s->rights = rights;
  obj->handle_count++;
  obj->refs++;
  live_by_type[obj->type]++;
  *out = make_value(index, s->gen);
  return ZX_OK;
}

zx_status_t zxe_handle_give(zxe_obj_t* obj, zx_rights_t rights, zx_handle_t* user_out) {
  zx_handle_t h;
  zx_status_t st = zxe_handle_add(obj, rights, &h);
  if (st != ZX_OK && obj->refs == 0) {
    zxe_obj_ref(obj);  // a new object nothing else holds: free it
    zxe_obj_unref(obj);
  } else if (st == ZX_OK && !zxe_copy_out(user_out, &h, sizeof(h))) {
    zxe_handle_remove(h);
    st = ZX_ERR_INVALID_ARGS;
  }
  return st;
}

void zxe_handle_remove(zx_handle_t h) {
  slot_t* s = lookup(h);
  uint32_t index = (uint32_t)(s - slots);
  zxe_obj_t* obj = s->obj;
  s->obj = NULL;
  s->rights = 0;
  s->gen = (s->gen + 1) & GEN_MASK;
  if (s->gen == 0) s->gen = 1;
  s->next_free = NO_SLOT;
  if (free_tail == NO_SLOT) {
    free_head = index;
  } else {
    slots[free_tail].next_free = index;
  }
  free_tail = index;
  live_by_type[obj->type]--;
  obj->handle_count--;
  zxe_obj_unref(obj);
}

void zxe_handle_stats(uint32_t counts[ZX_OBJ_TYPE_UPPER_BOUND]) {
  for (uint32_t i = 0; i < ZX_OBJ_TYPE_UPPER_BOUND; i++) counts[i] = live_by_type[i];
}

__EXPORT zx_status_t zx_handle_close(zx_handle_t handle) {
  if (handle == ZX_HANDLE_INVALID) return ZX_OK;
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_HANDLE_CLOSE, &st)) goto out;
  if (!lookup(handle)) {
    st = ZX_ERR_BAD_HANDLE;
    goto out;
  }
  zxe_handle_remove(handle);
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_handle_close_many(const zx_handle_t* handles, size_t num_handles) {
  zx_status_t st = ZX_OK;
  zx_handle_t chunk[64];
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_HANDLE_CLOSE_MANY, &st)) goto out;
  for (size_t done = 0; done < num_handles;) {
    size_t n = num_handles - done < 64 ? num_handles - done : 64;
    if (!zxe_copy_in(chunk, handles + done, n * sizeof(zx_handle_t))) {
      st = ZX_ERR_INVALID_ARGS;
      goto out;
    }
    for (size_t i = 0; i < n; i++) {
      if (chunk[i] == ZX_HANDLE_INVALID) continue;
      if (lookup(chunk[i])) {
        zxe_handle_remove(chunk[i]);
      } else {
        st = ZX_ERR_BAD_HANDLE;  // keep closing the rest, as Fuchsia does
      }
    }
    done += n;
  }
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_handle_duplicate(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  if (zxe_call_fault(ZXE_CALL_HANDLE_DUPLICATE, &st)) goto out;
  slot_t* s = lookup(handle);
  if (!s) {
    st = ZX_ERR_BAD_HANDLE;
    goto out;
  }
  if (!(s->rights & ZX_RIGHT_DUPLICATE)) {
    st = ZX_ERR_ACCESS_DENIED;
    goto out;
  }
  if (rights == ZX_RIGHT_SAME_RIGHTS) {
    rights = s->rights;
  } else if ((s->rights & rights) != rights) {
    st = ZX_ERR_INVALID_ARGS;
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
  st = zxe_handle_give(s->obj, rights, out);
out:
  zxe_unlock();
  return st;
}

__EXPORT zx_status_t zx_handle_replace(zx_handle_t handle, zx_rights_t rights, zx_handle_t* out) {
  zx_status_t st = ZX_OK;
  zxe_lock();
  // An injected failure still consumes a valid handle, as every failure of
  // zx_handle_replace does on Fuchsia.
  bool injected = zxe_call_fault(ZXE_CALL_HANDLE_REPLACE, &st);
  slot_t* s = lookup(handle);
  if (!s) {
    if (!injected) st = ZX_ERR_BAD_HANDLE;
    goto out;
  }
  zxe_obj_t* obj = s->obj;
  zx_rights_t old_rights = s->rights;
  // The old handle is consumed whatever happens from here on; keep the object
  // alive while the new handle is made.
  zxe_obj_ref(obj);
  zxe_handle_remove(handle);
  if (injected) {
    // st holds the injected status.
  } else if (rights == ZX_RIGHT_SAME_RIGHTS) {
    rights = old_rights;
  } else if ((old_rights & rights) != rights) {
    st = ZX_ERR_INVALID_ARGS;
  }
  if (st == ZX_OK && !zxe_out_ok(out)) st = ZX_ERR_INVALID_ARGS;
  if (st == ZX_OK && zxe_alloc_fault()) st = ZX_ERR_NO_MEMORY;
  if (st == ZX_OK) st = zxe_handle_give(obj, rights, out);
  zxe_obj_unref(obj);
out:
  zxe_unlock();
  return st;
}
