// Copyright 2026 The zircon-ffm Authors.
//
// The pool of handles the harness holds, and the values it hands to calls in
// their place: the process and root VMAR handles, stale values (closed
// handles), garbage and ZX_HANDLE_INVALID. Every live handle of the process
// is in the pool (or is the process or root VMAR handle), so the pool is also
// the harness's count of live handles. Slots are atomics: in the concurrent
// phase a call that consumes a handle first takes it out of its slot, so that
// each handle is consumed by one thread only.

#include <stdio.h>
#include <stdlib.h>

#include "hostile.h"

slot_t pool[POOL_SLOTS];
zx_handle_t self_handle, root_handle;
zx_info_handle_basic_t self_info, root_info;
static zx_info_vmar_t root_vmar;

#define DEAD_RING 64
static _Atomic zx_handle_t dead_ring[DEAD_RING];
static _Atomic unsigned dead_pos;

static void basic_or_die(zx_handle_t h, zx_info_handle_basic_t* info) {
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, info, sizeof(*info), NULL, NULL) != ZX_OK) {
    fprintf(stderr, "hostile: ZX_INFO_HANDLE_BASIC failed on a runtime handle\n");
    exit(2);
  }
}

void pool_init(void) {
  self_handle = zx_process_self();
  root_handle = zx_vmar_root_self();
  basic_or_die(self_handle, &self_info);
  basic_or_die(root_handle, &root_info);
  if (zx_object_get_info(root_handle, ZX_INFO_VMAR, &root_vmar, sizeof(root_vmar), NULL, NULL) !=
      ZX_OK) {
    exit(2);
  }
}

const char* hclass_note(const pick_t* p) {
  switch (p->cls) {
    case H_LIVE:
      return p->type == ZX_OBJ_TYPE_VMO    ? "live VMO"
             : p->type == ZX_OBJ_TYPE_VMAR ? "live VMAR"
                                           : "live process dup";
    case H_SELF:
      return "zx_process_self";
    case H_ROOT:
      return "zx_vmar_root_self";
    case H_DEAD:
      return "stale (closed)";
    case H_GARBAGE:
      return "garbage";
    default:
      return "ZX_HANDLE_INVALID";
  }
}

bool known_live(zx_handle_t h) {
  if (h == ZX_HANDLE_INVALID) return false;
  if (h == self_handle || h == root_handle) return true;
  for (int i = 0; i < POOL_SLOTS; i++) {
    if (atomic_load_explicit(&pool[i].h, memory_order_relaxed) == h) return true;
  }
  return false;
}

static pick_t special(hclass_t cls) {
  pick_t p = {.cls = cls, .slot = -1};
  const zx_info_handle_basic_t* info = cls == H_SELF ? &self_info : &root_info;
  p.h = cls == H_SELF ? self_handle : root_handle;
  p.type = info->type;
  p.rights = info->rights;
  p.koid = info->koid;
  if (cls == H_ROOT) {
    p.base = root_vmar.base;
    p.size = root_vmar.len;
  }
  return p;
}

pick_t pick_live(ctx_t* c, uint32_t want_type) {
  unsigned start = (unsigned)rng_below(&c->rng, POOL_SLOTS);
  for (unsigned k = 0; k < POOL_SLOTS; k++) {
    int i = (int)((start + k) % POOL_SLOTS);
    zx_handle_t h = atomic_load_explicit(&pool[i].h, memory_order_acquire);
    if (!h) continue;
    uint32_t type = atomic_load_explicit(&pool[i].type, memory_order_relaxed);
    if (want_type && type != want_type) continue;
    pick_t p = {.h = h, .cls = H_LIVE, .slot = i, .type = type};
    p.rights = atomic_load_explicit(&pool[i].rights, memory_order_relaxed);
    p.koid = atomic_load_explicit(&pool[i].koid, memory_order_relaxed);
    p.base = atomic_load_explicit(&pool[i].base, memory_order_relaxed);
    p.size = atomic_load_explicit(&pool[i].size, memory_order_relaxed);
    return p;
  }
  if (want_type == ZX_OBJ_TYPE_VMAR || want_type == 0) return special(H_ROOT);
  if (want_type == ZX_OBJ_TYPE_PROCESS) return special(H_SELF);
  return (pick_t){.cls = H_INVALID, .slot = -1};
}

// A value that names no handle. In the concurrent phase only values whose
// fixed low bits are wrong qualify: another thread could make any other value live.
static zx_handle_t garbage(ctx_t* c) {
  for (;;) {
    zx_handle_t v;
    zx_handle_t live = 0;
    pick_t p = pick_live(c, 0);
    if (p.cls == H_LIVE || p.cls == H_ROOT) live = p.h;
    switch (rng_below(&c->rng, 9)) {
      case 0: v = (zx_handle_t)rng_next(&c->rng); break;
      case 1: v = (zx_handle_t)rng_next(&c->rng) | ZX_HANDLE_FIXED_BITS_MASK; break;
      case 2: v = (zx_handle_t)rng_next(&c->rng) & ~ZX_HANDLE_FIXED_BITS_MASK; break;
      case 3: v = live ^ (1u << (20 + rng_below(&c->rng, 12))); break;  // another generation
      case 4: v = live + 4u * (1u + (zx_handle_t)rng_below(&c->rng, 8)); break;  // next slots
      case 5: v = live & ~ZX_HANDLE_FIXED_BITS_MASK; break;
      case 6: v = live ^ 1u; break;
      case 7: {
        static const zx_handle_t fixed[] = {0xffffffffu, 0xfffffffcu, 1, 2, 3, 0x80000003u,
                                            0x7ffffffbu, 0x00000007u};
        v = fixed[rng_below(&c->rng, sizeof(fixed) / sizeof(fixed[0]))];
        break;
      }
      default: v = (zx_handle_t)rng_below(&c->rng, 1u << 12) << 2 | 3u; break;  // low slots
    }
    if (v == ZX_HANDLE_INVALID) continue;
    if (c->concurrent) {
      if ((v & ZX_HANDLE_FIXED_BITS_MASK) != ZX_HANDLE_FIXED_BITS_MASK) return v;
      continue;
    }
    if (!known_live(v)) return v;
  }
}

void note_dead(zx_handle_t h) {
  unsigned i = atomic_fetch_add_explicit(&dead_pos, 1, memory_order_relaxed);
  atomic_store_explicit(&dead_ring[i % DEAD_RING], h, memory_order_relaxed);
}

bool dead_sample(ctx_t* c, zx_handle_t* out) {
  zx_handle_t h = atomic_load_explicit(&dead_ring[rng_below(&c->rng, DEAD_RING)],
                                       memory_order_relaxed);
  if (h == ZX_HANDLE_INVALID || (!c->concurrent && known_live(h))) return false;
  *out = h;
  return true;
}

pick_t pick_any(ctx_t* c, uint32_t want_type) {
  unsigned r = (unsigned)rng_below(&c->rng, 100);
  if (r < 66) {
    pick_t p = pick_live(c, rng_pct(&c->rng, 75) ? want_type : 0);
    if (p.cls != H_INVALID) return p;
    r = 70;
  }
  if (r < 72) return special(H_SELF);
  if (r < 80) return special(H_ROOT);
  pick_t p = {.slot = -1};
  if (r < 89 && dead_sample(c, &p.h)) {
    p.cls = H_DEAD;
    return p;
  }
  if (r < 97) {
    p.cls = H_GARBAGE;
    p.h = garbage(c);
    return p;
  }
  p.cls = H_INVALID;
  p.h = ZX_HANDLE_INVALID;
  return p;
}

zx_handle_t pool_take(ctx_t* c, int slot) {
  (void)c;
  if (slot < 0 || slot >= POOL_SLOTS) return 0;
  return atomic_exchange_explicit(&pool[slot].h, 0, memory_order_acq_rel);
}

static void close_owned(ctx_t* c, zx_handle_t h, const char* why) {
  call_begin(c, SC_HANDLE_CLOSE);
  call_arg(c, "handle", h, why);
  zx_status_t st = zx_handle_close(h);
  call_end(c, st);
  if (st != ZX_OK) fail(c, "closing a handle the harness owns (%s) failed", why);
  note_dead(h);
}

void pool_put(ctx_t* c, zx_handle_t h) {
  zx_info_handle_basic_t info;
  if ((h & ZX_HANDLE_FIXED_BITS_MASK) != ZX_HANDLE_FIXED_BITS_MASK) {
    fail(c, "a new handle 0x%x lacks the fixed low bits", h);
  }
  if (!c->concurrent && known_live(h)) {
    fail(c, "a new handle 0x%x equals one the harness already holds", h);
  }
  zx_status_t st = zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
  if (st != ZX_OK) fail(c, "a handle just returned (0x%x) is not valid: %s", h, status_name(st));
  uint64_t base = 0, size = 0;
  if (info.type == ZX_OBJ_TYPE_VMAR) {
    zx_info_vmar_t v;
    if (zx_object_get_info(h, ZX_INFO_VMAR, &v, sizeof(v), NULL, NULL) == ZX_OK) {
      base = v.base;
      size = v.len;
    }
  }
  int slot = -1;
  unsigned start = (unsigned)rng_below(&c->rng, POOL_SLOTS);
  if (!c->concurrent) {
    for (unsigned k = 0; k < POOL_SLOTS && slot < 0; k++) {
      int i = (int)((start + k) % POOL_SLOTS);
      if (!atomic_load_explicit(&pool[i].h, memory_order_relaxed)) slot = i;
    }
  }
  if (slot < 0) slot = (int)start;
  atomic_store_explicit(&pool[slot].type, info.type, memory_order_relaxed);
  atomic_store_explicit(&pool[slot].rights, info.rights, memory_order_relaxed);
  atomic_store_explicit(&pool[slot].koid, info.koid, memory_order_relaxed);
  atomic_store_explicit(&pool[slot].base, base, memory_order_relaxed);
  atomic_store_explicit(&pool[slot].size, size, memory_order_relaxed);
  zx_handle_t old = atomic_exchange_explicit(&pool[slot].h, h, memory_order_acq_rel);
  if (old) close_owned(c, old, "evicted from the pool");
}

void pool_counts(uint32_t counts[ZX_OBJ_TYPE_UPPER_BOUND]) {
  for (uint32_t i = 0; i < ZX_OBJ_TYPE_UPPER_BOUND; i++) counts[i] = 0;
  for (int i = 0; i < POOL_SLOTS; i++) {
    if (atomic_load(&pool[i].h)) counts[atomic_load(&pool[i].type)]++;
  }
  counts[ZX_OBJ_TYPE_PROCESS]++;
  counts[ZX_OBJ_TYPE_VMAR]++;
}

void pool_close_all(ctx_t* c) {
  for (int i = 0; i < POOL_SLOTS; i++) {
    zx_handle_t h = pool_take(c, i);
    if (h) close_owned(c, h, "closing the pool");
  }
}

void pool_trim(ctx_t* c) {
  for (int i = 0; i < POOL_SLOTS; i++) {
    if (!rng_pct(&c->rng, 50)) continue;
    zx_handle_t h = pool_take(c, i);
    if (h) close_owned(c, h, "trimming the pool");
  }
}
