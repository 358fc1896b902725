// Copyright 2026 The zircon-ffm Authors.
//
// Invariants checked between steps. After every step: the emulator's handle
// counts equal the harness's. Every few steps, in depth: every pooled handle
// still names the object it named, stale values stay stale, the address-space
// tree of ZX_INFO_PROCESS_MAPS is well formed (children inside parents,
// siblings ordered and disjoint), each VMO's num_mappings matches the
// mappings listed, children are counted, and the host memory behind sampled
// pages behaves as the table says (readable, writable, coherent with
// zx_vmo_read, unmapped where nothing is mapped).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"

#define PERMS (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)

void check_handle_stats(ctx_t* c) {
  zx_info_process_handle_stats_t stats;
  uint32_t want[ZX_OBJ_TYPE_UPPER_BOUND];
  zx_status_t st = zx_object_get_info(self_handle, ZX_INFO_PROCESS_HANDLE_STATS, &stats,
                                      sizeof(stats), NULL, NULL);
  if (st != ZX_OK) fail(c, "ZX_INFO_PROCESS_HANDLE_STATS failed: %s", status_name(st));
  pool_counts(want);
  for (uint32_t t = 0; t < ZX_OBJ_TYPE_UPPER_BOUND; t++) {
    if (stats.handle_count[t] != want[t]) {
      fail(c, "%u live handles of type %u, the harness holds %u (a leak, or a handle lost)",
           stats.handle_count[t], t, want[t]);
    }
  }
}

// ======= ZX_INFO_PROCESS_MAPS =======
typedef struct {
  zx_info_maps_t* e;
  size_t n, cap;
} maps_t;

static void fetch_maps(ctx_t* c, maps_t* m) {
  for (;;) {
    size_t actual = 0, avail = 0;
    zx_status_t st = zx_object_get_info(self_handle, ZX_INFO_PROCESS_MAPS, m->e,
                                        m->cap * sizeof(zx_info_maps_t), &actual, &avail);
    if (st != ZX_OK) fail(c, "ZX_INFO_PROCESS_MAPS failed: %s", status_name(st));
    if (actual > avail || actual > m->cap) fail(c, "PROCESS_MAPS: actual %zu, avail %zu", actual, avail);
    if (avail <= m->cap) {
      m->n = actual;
      if (actual != avail) fail(c, "PROCESS_MAPS returned %zu of %zu records that fit", actual, avail);
      return;
    }
    m->cap = avail + 64;
    m->e = realloc(m->e, m->cap * sizeof(zx_info_maps_t));
    if (!m->e) abort();
  }
}

static bool page_aligned(uint64_t v) { return (v & (mem.page - 1)) == 0; }

// Parents contain children; siblings are ordered and disjoint.
static void check_tree(ctx_t* c, const maps_t* m) {
  enum { MAX_DEPTH = 4096 };
  static size_t parent_at[MAX_DEPTH];
  static uint64_t last_end[MAX_DEPTH];
  if (m->n < 2 || m->e[0].type != ZX_INFO_MAPS_TYPE_ASPACE || m->e[0].depth != 0) {
    fail(c, "PROCESS_MAPS does not start with the address space");
  }
  const zx_info_maps_t* root = &m->e[1];
  if (root->type != ZX_INFO_MAPS_TYPE_VMAR || root->depth != 1 || root->base != mem.root_base ||
      root->base + root->size != mem.root_end) {
    fail(c, "PROCESS_MAPS' second entry is not the root VMAR");
  }
  parent_at[0] = 0;
  last_end[1] = 0;
  for (size_t i = 1; i < m->n; i++) {
    const zx_info_maps_t* e = &m->e[i];
    size_t d = e->depth;
    if (d == 0 || d >= MAX_DEPTH || (i > 1 && d > m->e[i - 1].depth + 1) || (i > 1 && d < 2)) {
      fail(c, "PROCESS_MAPS entry %zu has depth %zu after depth %zu", i, d, m->e[i - 1].depth);
    }
    const zx_info_maps_t* parent = &m->e[parent_at[d - 1]];
    if (parent->type == ZX_INFO_MAPS_TYPE_MAPPING) fail(c, "entry %zu lies under a mapping", i);
    if (e->size == 0 || !page_aligned(e->base) || !page_aligned(e->size) ||
        e->base + e->size < e->base) {
      fail(c, "entry %zu: base 0x%llx size 0x%llx", i, (unsigned long long)e->base,
           (unsigned long long)e->size);
    }
    if (e->base < parent->base || e->base + e->size > parent->base + parent->size) {
      fail(c, "entry %zu [0x%llx, 0x%llx) lies outside its parent [0x%llx, 0x%llx)", i,
           (unsigned long long)e->base, (unsigned long long)(e->base + e->size),
           (unsigned long long)parent->base, (unsigned long long)(parent->base + parent->size));
    }
    if (e->base < last_end[d]) {
      fail(c, "entry %zu at 0x%llx overlaps or precedes its previous sibling (ending 0x%llx)", i,
           (unsigned long long)e->base, (unsigned long long)last_end[d]);
    }
    last_end[d] = e->base + e->size;
    parent_at[d] = i;
    last_end[d + 1] = 0;  // a new parent: its children start afresh
    if (e->type == ZX_INFO_MAPS_TYPE_MAPPING) {
      uint32_t f = e->u.mapping.mmu_flags;
      if ((f & ~PERMS) || ((f & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) && !(f & ZX_VM_PERM_READ))) {
        fail(c, "mapping entry %zu has mmu_flags 0x%x", i, f);
      }
      if (!e->u.mapping.vmo_koid || !page_aligned(e->u.mapping.vmo_offset)) {
        fail(c, "mapping entry %zu: koid %llu offset 0x%llx", i,
             (unsigned long long)e->u.mapping.vmo_koid, (unsigned long long)e->u.mapping.vmo_offset);
      }
    } else if (e->type != ZX_INFO_MAPS_TYPE_VMAR) {
      fail(c, "entry %zu has type %u", i, e->type);
    }
  }
}

// ======= What the harness knows of the VMOs behind mappings =======
typedef struct {
  zx_koid_t koid;
  zx_handle_t h;  // a pooled handle to it
  zx_rights_t rights;
  zx_info_vmo_t info;
} known_vmo_t;

static size_t known_vmos(known_vmo_t* out, size_t cap) {
  size_t n = 0;
  for (int i = 0; i < POOL_SLOTS && n < cap; i++) {
    zx_handle_t h = atomic_load(&pool[i].h);
    if (!h || atomic_load(&pool[i].type) != ZX_OBJ_TYPE_VMO) continue;
    zx_koid_t koid = atomic_load(&pool[i].koid);
    bool seen = false;
    for (size_t k = 0; k < n; k++) seen |= out[k].koid == koid;
    if (seen) continue;
    out[n] = (known_vmo_t){.koid = koid, .h = h, .rights = atomic_load(&pool[i].rights)};
    if (zx_object_get_info(h, ZX_INFO_VMO, &out[n].info, sizeof(out[n].info), NULL, NULL) != ZX_OK) {
      continue;
    }
    n++;
  }
  return n;
}

static const known_vmo_t* find_vmo(const known_vmo_t* v, size_t n, zx_koid_t koid) {
  for (size_t i = 0; i < n; i++) {
    if (v[i].koid == koid) return &v[i];
  }
  return NULL;
}

// The deepest entry covering addr (index), or 0.
static size_t covering(const maps_t* m, uintptr_t addr) {
  size_t best = 0;
  for (size_t i = 1; i < m->n; i++) {
    if (addr >= m->e[i].base && addr < m->e[i].base + m->e[i].size) best = i;
  }
  return best;
}

// One page of a mapping: readable and writable as its flags and its VMO's
// size say, and coherent with zx_vmo_read / zx_vmo_write.
static void probe_mapping_page(ctx_t* c, const zx_info_maps_t* e, uint64_t at,
                               const known_vmo_t* v) {
  uintptr_t addr = e->base + at;
  uint32_t f = e->u.mapping.mmu_flags;
  uint64_t vmo_off = e->u.mapping.vmo_offset + at;
  uint8_t got;
  bool readable = mem_probe_read(addr, &got);
  if (!(f & ZX_VM_PERM_READ)) {
    if (readable) fail(c, "0x%llx reads although its mapping lacks PERM_READ", (unsigned long long)addr);
    if (mem_probe_write(addr, 0x77)) fail(c, "0x%llx takes a write without PERM_WRITE", (unsigned long long)addr);
    return;
  }
  if (!v) return;  // the VMO's size is not known here
  bool backed = vmo_off < v->info.size_bytes;
  if (readable != backed) {
    fail(c, "0x%llx (VMO offset 0x%llx of 0x%llx) readable=%d, expected %d",
         (unsigned long long)addr, (unsigned long long)vmo_off,
         (unsigned long long)v->info.size_bytes, readable, backed);
  }
  if (!backed) return;
  bool cached = v->info.cache_policy == ZX_CACHE_POLICY_CACHED;
  if ((v->rights & ZX_RIGHT_READ) && cached) {
    uint8_t b = 0;
    if (zx_vmo_read(v->h, &b, vmo_off, 1) != ZX_OK || b != got) {
      fail(c, "0x%llx shows 0x%x, zx_vmo_read of the same VMO byte 0x%x", (unsigned long long)addr,
           got, b);
    }
  }
  if (!(f & ZX_VM_PERM_WRITE)) {
    if (mem_probe_write(addr, (uint8_t)~got)) fail(c, "0x%llx takes a write without PERM_WRITE", (unsigned long long)addr);
    return;
  }
  uint8_t w = (uint8_t)rng_next(&c->rng);
  if (!mem_probe_write(addr, w)) fail(c, "0x%llx refuses a write with PERM_WRITE", (unsigned long long)addr);
  if ((v->rights & ZX_RIGHT_READ) && cached) {
    uint8_t b = 0;
    if (zx_vmo_read(v->h, &b, vmo_off, 1) != ZX_OK || b != w) {
      fail(c, "wrote 0x%x at 0x%llx, zx_vmo_read gives 0x%x", w, (unsigned long long)addr, b);
    }
  }
}

size_t deep_check(ctx_t* c) {
  static maps_t m;
  static known_vmo_t vmos[POOL_SLOTS];
  check_handle_stats(c);
  // Pooled handles still name what they named.
  for (int i = 0; i < POOL_SLOTS; i++) {
    zx_handle_t h = atomic_load(&pool[i].h);
    if (!h) continue;
    zx_info_handle_basic_t info;
    zx_status_t st = zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
    if (st != ZX_OK || info.koid != atomic_load(&pool[i].koid) ||
        info.type != atomic_load(&pool[i].type) || info.rights != atomic_load(&pool[i].rights)) {
      fail(c, "pooled handle 0x%x changed: %s, koid %llu type %u rights 0x%x", h, status_name(st),
           (unsigned long long)info.koid, info.type, info.rights);
    }
  }
  for (int k = 0; k < 8; k++) {
    zx_handle_t d;
    if (dead_sample(c, &d)) expect_dead(c, d, "it was closed earlier");
  }
  fetch_maps(c, &m);
  check_tree(c, &m);
  size_t nv = known_vmos(vmos, POOL_SLOTS);
  size_t mappings = 0;
  // num_mappings of each known VMO counts its Fuchsia mappings; PROCESS_MAPS
  // lists one entry per run of pages with the same permissions (a protect
  // splits the entry, not the mapping): at least as many, and none iff none.
  for (size_t k = 0; k < nv; k++) {
    size_t count = 0;
    for (size_t i = 0; i < m.n; i++) {
      count += m.e[i].type == ZX_INFO_MAPS_TYPE_MAPPING && m.e[i].u.mapping.vmo_koid == vmos[k].koid;
    }
    if (count < vmos[k].info.num_mappings || (count == 0) != (vmos[k].info.num_mappings == 0)) {
      fail(c, "VMO koid %llu: num_mappings %zu, but PROCESS_MAPS lists %zu entries for it",
           (unsigned long long)vmos[k].koid, vmos[k].info.num_mappings, count);
    }
    // Its children that the pool holds are counted.
    size_t kids = 0;
    for (size_t j = 0; j < nv; j++) kids += vmos[j].info.parent_koid == vmos[k].koid;
    if (vmos[k].info.num_children < kids) {
      fail(c, "VMO koid %llu: num_children %zu, but the pool holds %zu of its children",
           (unsigned long long)vmos[k].koid, vmos[k].info.num_children, kids);
    }
  }
  // Pooled VMARs that are not destroyed are listed where they were made.
  for (int i = 0; i < POOL_SLOTS; i++) {
    zx_handle_t h = atomic_load(&pool[i].h);
    if (!h || atomic_load(&pool[i].type) != ZX_OBJ_TYPE_VMAR) continue;
    zx_info_maps_t first;
    size_t actual = 0, avail = 0;
    if (zx_object_get_info(h, ZX_INFO_VMAR_MAPS, &first, sizeof(first), &actual, &avail) != ZX_OK ||
        actual == 0) {
      continue;  // no INSPECT right, or destroyed (which lists nothing)
    }
    uint64_t base = atomic_load(&pool[i].base), size = atomic_load(&pool[i].size);
    if (first.base != base || first.size != size) fail(c, "a VMAR moved: VMAR_MAPS disagrees");
    size_t at = covering(&m, base);
    bool listed = false;
    for (size_t j = at; j > 0 && !listed; j--) {
      listed = m.e[j].type == ZX_INFO_MAPS_TYPE_VMAR && m.e[j].base == base && m.e[j].size == size;
    }
    if (!listed) fail(c, "a live VMAR at 0x%llx is missing from PROCESS_MAPS", (unsigned long long)base);
  }
  // Sampled pages: of mappings, and of VMAR space that no mapping covers.
  for (size_t i = 0; i < m.n; i++) mappings += m.e[i].type == ZX_INFO_MAPS_TYPE_MAPPING;
  for (int k = 0; k < 12 && m.n > 2; k++) {
    size_t i = 1 + (size_t)rng_below(&c->rng, m.n - 1);
    const zx_info_maps_t* e = &m.e[i];
    uint64_t at = mem.page * rng_below(&c->rng, e->size / mem.page);
    if (e->type == ZX_INFO_MAPS_TYPE_MAPPING) {
      probe_mapping_page(c, e, at, find_vmo(vmos, nv, e->u.mapping.vmo_koid));
    } else if (covering(&m, e->base + at) == i) {
      uint8_t b;
      if (mem_probe_read(e->base + at, &b)) {
        fail(c, "0x%llx reads, but no mapping covers it", (unsigned long long)(e->base + at));
      }
    }
  }
  return mappings;
}

void check_maps_structure(ctx_t* c) {
  maps_t m = {0};
  fetch_maps(c, &m);
  check_tree(c, &m);
  free(m.e);
}

uint64_t pool_populated_bytes(ctx_t* c) {
  (void)c;
  static known_vmo_t vmos[POOL_SLOTS];
  size_t n = known_vmos(vmos, POOL_SLOTS);
  uint64_t total = 0;
  for (size_t i = 0; i < n; i++) total += vmos[i].info.populated_bytes;
  return total;
}

void reset_address_space(ctx_t* c) {
  call_begin(c, SC_VMAR_UNMAP);
  call_arg(c, "handle", root_handle, "zx_vmar_root_self");
  call_arg(c, "addr", mem.root_base, "the whole root VMAR");
  call_arg(c, "len", mem.root_end - mem.root_base, NULL);
  zx_status_t st = zx_vmar_unmap(root_handle, mem.root_base, mem.root_end - mem.root_base);
  call_end(c, st);
  expect_status(c, st, ZX_OK, "unmapping the whole root VMAR through its own handle");
  recent_maps_clear();
  maps_t m = {0};
  fetch_maps(c, &m);
  if (m.n != 2) fail(c, "after unmapping everything, PROCESS_MAPS still lists %zu entries", m.n);
  free(m.e);
}
