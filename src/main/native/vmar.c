// Copyright 2026 The zircon-ffm Authors.
//
// VMARs and mappings: the root VMAR, edits of the region trees (splits,
// merges, the group counting behind num_mappings, destruction) and placement.
// The host side of mappings is in host.c.

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmar_internal.h"

static zxe_vmar_t root;

// Group ids of mapping nodes (see zxe_mapping_t.group).
static uint64_t next_group = 1;

uint64_t zxe_new_group(void) { return next_group++; }

// A few freed mapping nodes are kept, so that map/unmap loops do not malloc.
#define NODE_CACHE_MAX 64
static zxe_mapping_t* node_cache[NODE_CACHE_MAX];
static unsigned node_cache_len;

zxe_mapping_t* zxe_mapping_alloc(void) {
  if (node_cache_len) return node_cache[--node_cache_len];
  return malloc(sizeof(zxe_mapping_t));
}

void zxe_mapping_free(zxe_mapping_t* m) {
  if (node_cache_len < NODE_CACHE_MAX) {
    node_cache[node_cache_len++] = m;
  } else {
    free(m);
  }
}

zxe_vmar_t* zxe_root_vmar(void) { return &root; }

// Parses the size in ZXEMU_ROOT_VMAR_SIZE: bytes, or a number with K, M, G or T.
static size_t root_size_from_env(void) {
  const size_t dflt = (size_t)64 << 30;
  const char* s = getenv("ZXEMU_ROOT_VMAR_SIZE");
  if (!s || !*s) return dflt;
  char* end;
  unsigned long long v = strtoull(s, &end, 0);
  unsigned shift = 0;
  switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: break;
  }
  if (*end != '\0' || v == 0 || v > (SIZE_MAX >> shift)) return dflt;
  return (size_t)v << shift;
}

void zxe_vmar_init_root(void) {
  zxe_obj_init(&root.obj, ZX_OBJ_TYPE_VMAR);
  root.obj.refs = 1;  // never freed
  root.node.kind = ZXE_REGION_VMAR;
  root.flags = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE |
               ZX_VM_CAN_MAP_SPECIFIC;
  size_t size = root_size_from_env();
  size = (size + zxe_page - 1) & ~(size_t)(zxe_page - 1);
  // Fall back to smaller ranges where the host will not give us this much.
  for (; size >= ((size_t)1 << 24); size /= 2) {
    void* p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      root.node.base = (uintptr_t)p;
      root.node.size = size;
      break;
    }
  }
  if (root.node.size == 0) root.destroyed = true;  // nothing can be mapped
  zxe_host_init();
}

zxe_mapping_t* zxe_find_mapping(uintptr_t addr) {
  zxe_vmar_t* v = &root;
  for (;;) {
    zxe_region_t* r = zxe_rt_find(v->children, addr);
    if (!r) return NULL;
    if (r->kind == ZXE_REGION_MAPPING) return zxe_region_mapping(r);
    v = zxe_region_vmar(r);
  }
}

// ======= Tree edits shared by unmap, protect, overwrite and destroy =======

void zxe_mapping_unlink(zxe_mapping_t* m) {
  zxe_rt_remove(&m->parent->children, &m->node);
  zxe_obj_unref(&m->vmo->obj);
  zxe_mapping_free(m);
}

// Splits m at addr (strictly inside it) using the spare node; returns the
// upper part.
zxe_mapping_t* zxe_mapping_split(zxe_mapping_t* m, uintptr_t addr, zxe_mapping_t* spare) {
  size_t lower = addr - m->node.base;
  *spare = *m;
  spare->node.base = addr;
  spare->node.size = m->node.size - lower;
  spare->vmo_offset = m->vmo_offset + lower;
  zxe_rt_remove(&m->parent->children, &m->node);
  m->node.size = lower;
  zxe_rt_insert(&m->parent->children, &m->node);
  zxe_rt_insert(&m->parent->children, &spare->node);
  zxe_obj_ref(&m->vmo->obj);
  return spare;
}

// The node right after r in its VMAR, if it starts where r ends.
static zxe_mapping_t* adjacent_next(zxe_vmar_t* v, zxe_region_t* r) {
  zxe_region_t* n = zxe_rt_first_ending_after(v->children, zxe_region_end(r));
  return n && n->base == zxe_region_end(r) && n->kind == ZXE_REGION_MAPPING ? zxe_region_mapping(n)
                                                                            : NULL;
}

// Whether m begins a group: no node of its group ends where it starts.
static bool group_start(zxe_mapping_t* m) {
  zxe_region_t* p = zxe_rt_last_before(m->parent->children, m->node.base);
  return !(p && p->kind == ZXE_REGION_MAPPING && zxe_region_end(p) == m->node.base &&
           zxe_region_mapping(p)->group == m->group);
}

void zxe_count_mappings(zxe_vmar_t* v, uintptr_t lo, uintptr_t hi, int sign) {
  // Nodes ending at lo are in the window: an edit may trim a node to end there.
  for (zxe_region_t* r = zxe_rt_first_ending_after(v->children, lo ? lo - 1 : 0); r && r->base <= hi;
       r = zxe_rt_first_ending_after(v->children, zxe_region_end(r))) {
    if (r->kind == ZXE_REGION_MAPPING && group_start(zxe_region_mapping(r))) {
      zxe_region_mapping(r)->vmo->num_mappings += (size_t)(ssize_t)sign;
    }
  }
}

// Moves the run of nodes of group `from` that follows `after` into group `to`.
static void regroup_run(zxe_mapping_t* after, uint64_t from, uint64_t to) {
  for (zxe_mapping_t* n = adjacent_next(after->parent, &after->node); n && n->group == from;
       n = adjacent_next(n->parent, &n->node)) {
    n->group = to;
  }
}

static bool mergeable(const zxe_mapping_t* a, const zxe_mapping_t* b) {
  return zxe_region_end(&a->node) == b->node.base && a->vmo == b->vmo &&
         a->vmo_offset + a->node.size == b->vmo_offset && a->perms == b->perms &&
         a->max_perms == b->max_perms && a->flags == b->flags;
}

// Joins m with neighbours that continue it in both address and VMO offset
// with the same permissions, as Fuchsia merges mappings; returns the result.
// Joined nodes of two groups make one group (the caller recounts).
zxe_mapping_t* zxe_mapping_merge(zxe_mapping_t* m) {
  zxe_vmar_t* parent = m->parent;
  zxe_region_t* prev = zxe_rt_last_before(parent->children, m->node.base);
  if (prev && prev->kind == ZXE_REGION_MAPPING && mergeable(zxe_region_mapping(prev), m)) {
    zxe_mapping_t* p = zxe_region_mapping(prev);
    if (p->group != m->group) regroup_run(m, m->group, p->group);
    size_t add = m->node.size;
    zxe_mapping_unlink(m);
    zxe_rt_remove(&parent->children, &p->node);
    p->node.size += add;
    zxe_rt_insert(&parent->children, &p->node);
    m = p;
  }
  zxe_mapping_t* next = adjacent_next(parent, &m->node);
  if (next && mergeable(m, next)) {
    if (next->group != m->group) regroup_run(next, next->group, m->group);
    size_t add = next->node.size;
    zxe_mapping_unlink(next);
    zxe_rt_remove(&parent->children, &m->node);
    m->node.size += add;
    zxe_rt_insert(&parent->children, &m->node);
  }
  return m;
}

// Destroys a VMAR and everything in it (iteratively: nesting may be deep).
// The caller restores the host reservation over its range.
void zxe_vmar_destroy_tree(zxe_vmar_t* top) {
  zxe_vmar_t* cur = top;
  zxe_count_mappings(cur, cur->node.base, zxe_vmar_end(cur), -1);
  for (;;) {
    zxe_region_t* r = cur->children;
    if (r) {
      if (r->kind == ZXE_REGION_MAPPING) {
        zxe_mapping_unlink(zxe_region_mapping(r));
      } else {
        cur = zxe_region_vmar(r);
        zxe_count_mappings(cur, cur->node.base, zxe_vmar_end(cur), -1);
      }
      continue;
    }
    zxe_vmar_t* parent = cur->parent;
    cur->destroyed = true;
    cur->parent = NULL;
    if (parent) {
      zxe_rt_remove(&parent->children, &cur->node);
      zxe_obj_unref(&cur->obj);  // the parent's reference
    }
    if (cur == top) return;
    cur = parent;
  }
}

void zxe_vmar_destroy_obj(zxe_vmar_t* vmar) {
  // The last reference goes only once the VMAR is out of its parent's tree,
  // which destroys everything in it first.
  if (vmar != &root) free(vmar);
}

void zxe_clear_range(zxe_vmar_t* vmar, uintptr_t base, uintptr_t end, zxe_mapping_t* spare) {
  zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, base);
  while (r && r->base < end) {
    uintptr_t r_end = zxe_region_end(r);
    if (r->kind == ZXE_REGION_VMAR) {
      zxe_vmar_destroy_tree(zxe_region_vmar(r));  // wholly inside: the caller checked
    } else {
      zxe_mapping_t* m = zxe_region_mapping(r);
      if (r->base < base) {
        if (r_end > end) (void)zxe_mapping_split(m, end, spare);
        zxe_rt_remove(&vmar->children, &m->node);
        m->node.size = base - m->node.base;
        zxe_rt_insert(&vmar->children, &m->node);
      } else if (r_end > end) {
        zxe_rt_remove(&vmar->children, &m->node);
        m->vmo_offset += end - m->node.base;
        m->node.size = r_end - end;
        m->node.base = end;
        zxe_rt_insert(&vmar->children, &m->node);
        return;
      } else {
        zxe_mapping_unlink(m);
      }
    }
    r = zxe_rt_first_ending_after(vmar->children, base);
  }
}

// ======= Placement =======

zx_status_t zxe_parse_align(uint32_t options, size_t* align) {
  uint32_t pow2 = options >> ZX_VM_ALIGN_BASE;
  if ((pow2 != 0 && pow2 < 10) || pow2 > 32) return ZX_ERR_INVALID_ARGS;
  size_t a = pow2 ? (size_t)1 << pow2 : 0;
  *align = a < zxe_page ? zxe_page : a;
  return ZX_OK;
}

zx_status_t zxe_place(zxe_vmar_t* vmar, size_t size, size_t align, uintptr_t limit,
                      uintptr_t* out) {
  uintptr_t lo = vmar->node.base;
  uintptr_t hi = limit;
  if (size > hi - lo) return ZX_ERR_NO_RESOURCES;
  uintptr_t from = lo;
  if (!(vmar->flags & ZX_VM_COMPACT)) {
    // Fuchsia randomizes placement; start the search at a random spot and
    // wrap around to the beginning.
    uintptr_t span = (hi - lo - size) / align;
    from = lo + (uintptr_t)(zxe_random() % (span + 1)) * align;
  }
  if (zxe_rt_find_gap(vmar->children, lo, hi, from, size, align, out)) return ZX_OK;
  if (from != lo && zxe_rt_find_gap(vmar->children, lo, hi, lo, size, align, out)) return ZX_OK;
  return ZX_ERR_NO_RESOURCES;
}

// Whether [base, base+size) overlaps no child of vmar.
bool zxe_range_free(zxe_vmar_t* vmar, uintptr_t base, size_t size) {
  zxe_region_t* r = zxe_rt_first_ending_after(vmar->children, base);
  return !r || r->base >= base + size;
}
