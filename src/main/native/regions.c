// Copyright 2026 The zircon-ffm Authors.
//
// The region tree of a VMAR: an AVL tree of disjoint intervals keyed by base.
// Each node also caches, for its subtree, the lowest base, the highest end and
// the widest gap between consecutive intervals, so that free-space searches
// skip subtrees that cannot hold the request.

#include "emu.h"

static int height(const zxe_region_t* n) { return n ? n->height : 0; }
static size_t max_sz(size_t a, size_t b) { return a > b ? a : b; }

static void update(zxe_region_t* n) {
  int hl = height(n->left), hr = height(n->right);
  n->height = 1 + (hl > hr ? hl : hr);
  size_t gap = 0;
  n->min_base = n->base;
  n->max_end = zxe_region_end(n);
  if (n->left) {
    n->min_base = n->left->min_base;
    gap = max_sz(n->left->max_gap, n->base - n->left->max_end);
  }
  if (n->right) {
    n->max_end = n->right->max_end;
    gap = max_sz(gap, max_sz(n->right->max_gap, n->right->min_base - zxe_region_end(n)));
  }
  n->max_gap = gap;
}

static zxe_region_t* rotate_right(zxe_region_t* n) {
  zxe_region_t* l = n->left;
  n->left = l->right;
  l->right = n;
  update(n);
  update(l);
  return l;
}

static zxe_region_t* rotate_left(zxe_region_t* n) {
  zxe_region_t* r = n->right;
  n->right = r->left;
  r->left = n;
  update(n);
  update(r);
  return r;
}

static zxe_region_t* rebalance(zxe_region_t* n) {
  update(n);
  int bal = height(n->left) - height(n->right);
  if (bal > 1) {
    if (height(n->left->left) < height(n->left->right)) n->left = rotate_left(n->left);
    return rotate_right(n);
  }
  if (bal < -1) {
    if (height(n->right->right) < height(n->right->left)) n->right = rotate_right(n->right);
    return rotate_left(n);
  }
  return n;
}

static zxe_region_t* insert(zxe_region_t* t, zxe_region_t* node) {
  if (!t) return node;
  if (node->base < t->base) {
    t->left = insert(t->left, node);
  } else {
    t->right = insert(t->right, node);
  }
  return rebalance(t);
}

void zxe_rt_insert(zxe_region_t** root, zxe_region_t* node) {
  node->left = node->right = NULL;
  update(node);
  *root = insert(*root, node);
}

// Detaches the minimum of t into *min; returns the rest.
static zxe_region_t* remove_min(zxe_region_t* t, zxe_region_t** min) {
  if (!t->left) {
    *min = t;
    return t->right;
  }
  t->left = remove_min(t->left, min);
  return rebalance(t);
}

static zxe_region_t* remove_node(zxe_region_t* t, zxe_region_t* node) {
  if (!t) return NULL;
  if (node->base < t->base) {
    t->left = remove_node(t->left, node);
  } else if (node->base > t->base) {
    t->right = remove_node(t->right, node);
  } else {
    zxe_region_t* l = t->left;
    zxe_region_t* r = t->right;
    if (!r) return l;
    zxe_region_t* min;
    r = remove_min(r, &min);
    min->left = l;
    min->right = r;
    return rebalance(min);
  }
  return rebalance(t);
}

void zxe_rt_remove(zxe_region_t** root, zxe_region_t* node) { *root = remove_node(*root, node); }

zxe_region_t* zxe_rt_find(zxe_region_t* t, uintptr_t addr) {
  while (t) {
    if (addr < t->base) {
      t = t->left;
    } else if (addr >= zxe_region_end(t)) {
      t = t->right;
    } else {
      return t;
    }
  }
  return NULL;
}

zxe_region_t* zxe_rt_first_ending_after(zxe_region_t* t, uintptr_t addr) {
  zxe_region_t* best = NULL;
  while (t) {
    if (zxe_region_end(t) > addr) {
      best = t;
      t = t->left;
    } else {
      t = t->right;
    }
  }
  return best;
}

zxe_region_t* zxe_rt_last_before(zxe_region_t* t, uintptr_t addr) {
  zxe_region_t* best = NULL;
  while (t) {
    if (t->base < addr) {
      best = t;
      t = t->right;
    } else {
      t = t->left;
    }
  }
  return best;
}

zxe_region_t* zxe_rt_first(zxe_region_t* t) {
  while (t && t->left) t = t->left;
  return t;
}

typedef struct {
  uintptr_t from, limit;
  size_t size, align;
  uintptr_t out;
} gap_query_t;

// Whether [gs, ge), clipped to [from, limit), holds an aligned block.
static bool gap_fits(uintptr_t gs, uintptr_t ge, gap_query_t* q) {
  uintptr_t s = gs < q->from ? q->from : gs;
  uintptr_t a = (s + q->align - 1) & ~(uintptr_t)(q->align - 1);
  if (a < s) return false;
  if (ge > q->limit) ge = q->limit;
  if (a >= ge || ge - a < q->size) return false;
  q->out = a;
  return true;
}

// Searches, in address order, the gaps of subtree t, bounded by pe (the end of
// whatever precedes t) and nb (the base of whatever follows it).
static bool search(zxe_region_t* t, uintptr_t pe, uintptr_t nb, gap_query_t* q) {
  if (nb <= q->from || pe >= q->limit) return false;
  if (!t) return gap_fits(pe, nb, q);
  size_t widest = max_sz(t->max_gap, max_sz(t->min_base - pe, nb - t->max_end));
  if (widest < q->size) return false;
  if (search(t->left, pe, t->base, q)) return true;
  return search(t->right, zxe_region_end(t), nb, q);
}

bool zxe_rt_find_gap(zxe_region_t* root, uintptr_t lo, uintptr_t hi, uintptr_t from, size_t size,
                     size_t align, uintptr_t* out) {
  gap_query_t q = {.from = from < lo ? lo : from, .limit = hi, .size = size, .align = align};
  if (size == 0 || size > hi - lo) return false;
  if (!search(root, lo, hi, &q)) return false;
  *out = q.out;
  return true;
}
