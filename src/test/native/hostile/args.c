// Copyright 2026 The zircon-ffm Authors.
//
// Adversarial arguments: lengths and offsets at every boundary that matters
// (0, 1, a page and its neighbours, the size of the object, values whose
// page round-up or sum overflows), option words from documented bits, random
// bits and every ALIGN encoding, and buffers that are valid, partly valid,
// read-only, unmapped, kernel or non-canonical addresses, or inside the
// emulator's own mappings.

#include <string.h>

#include "hostile.h"

// The largest VMO Fuchsia accepts (2^64 - 128 KiB), and its neighbours.
#define MAX_VMO (UINT64_MAX - (128u * 1024u) + 1u)

static uint64_t edge(ctx_t* c, uint64_t ref) {
  uint64_t page = mem.page;
  switch (rng_below(&c->rng, 24)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return page - 1;
    case 3: return page;
    case 4: return page + 1;
    case 5: return ref;
    case 6: return ref - 1;
    case 7: return ref + 1;
    case 8: return ref - page;
    case 9: return ref + page;
    case 10: return ref / 2;
    case 11: return UINT64_MAX;
    case 12: return UINT64_MAX - page + 1;  // the last page
    case 13: return UINT64_MAX - page + 2;  // rounds up to 0
    case 14: return UINT64_MAX - 1;
    case 15: return 1ull << 63;
    case 16: return (1ull << 63) - page;
    case 17: return 1ull << (32 + rng_below(&c->rng, 31));
    case 18: return MAX_VMO;
    case 19: return MAX_VMO + 1;
    case 20: return MAX_VMO - page;
    case 21: return UINT64_MAX / 2;
    case 22: return UINT64_MAX - ref + 1;  // ref + this wraps to 0
    default: return (uint64_t)0 - page * (1 + rng_below(&c->rng, 4));
  }
}

uint64_t gen_len(ctx_t* c, uint64_t ref) {
  uint64_t page = mem.page;
  switch (rng_below(&c->rng, 10)) {
    case 0:
    case 1: return rng_below(&c->rng, 3 * page + 1);
    case 2:
    case 3: return page * rng_below(&c->rng, 17);
    case 4:
    case 5:
    case 6: return edge(c, ref);
    case 7: return rng_next(&c->rng);
    case 8: return rng_below(&c->rng, ref + 1);
    default: return (ref & ~(page - 1)) + page * rng_below(&c->rng, 3);
  }
}

uint64_t gen_offset(ctx_t* c, uint64_t ref) {
  uint64_t page = mem.page;
  switch (rng_below(&c->rng, 10)) {
    case 0:
    case 1:
    case 2: return 0;
    case 3: return page * rng_below(&c->rng, 17);
    case 4: return rng_below(&c->rng, 4 * page);
    case 5:
    case 6: return edge(c, ref);
    case 7: return rng_next(&c->rng);
    case 8: return ref > page ? (rng_below(&c->rng, ref / page)) * page : 0;
    default: return ref & ~(page - 1);
  }
}

uint64_t gen_small_size(ctx_t* c) {
  uint64_t page = mem.page;
  switch (rng_below(&c->rng, 8)) {
    case 0: return 0;
    case 1: return rng_below(&c->rng, 4 * page);
    case 2: return page * (1 + rng_below(&c->rng, 64));
    case 3: return 1ull << (20 + rng_below(&c->rng, 21));  // 1 MiB .. 1 TiB, sparse
    default: return page * (1 + rng_below(&c->rng, 16));
  }
}

zx_rights_t gen_rights(ctx_t* c, zx_rights_t have) {
  switch (rng_below(&c->rng, 8)) {
    case 0: return ZX_RIGHT_SAME_RIGHTS;
    case 1: return 0;
    case 2: return have & (zx_rights_t)rng_next(&c->rng);  // a subset
    case 3: return have & ~(1u << rng_below(&c->rng, 25));  // one fewer
    case 4: return have | (1u << rng_below(&c->rng, 25));   // maybe one more
    case 5: return (zx_rights_t)rng_next(&c->rng);
    case 6: return have;
    default: return have & (ZX_RIGHT_READ | ZX_RIGHT_MAP | ZX_RIGHT_DUPLICATE | ZX_RIGHT_INSPECT);
  }
}

uint32_t gen_align_field(ctx_t* c) {
  switch (rng_below(&c->rng, 6)) {
    case 0:
    case 1: return 0;
    case 2: return 1 + (uint32_t)rng_below(&c->rng, 9);    // 1..9: invalid
    case 3: return 33 + (uint32_t)rng_below(&c->rng, 223);  // > 32: invalid
    default: return 10 + (uint32_t)rng_below(&c->rng, 23);  // 1 KiB .. 4 GiB
  }
}

uint32_t gen_options(ctx_t* c, uint32_t documented, bool with_align) {
  uint32_t o;
  switch (rng_below(&c->rng, 7)) {
    case 0: o = 0; break;
    case 1: o = documented; break;  // every documented bit at once
    case 2: o = (uint32_t)rng_next(&c->rng); break;
    case 3: o = (documented & (uint32_t)rng_next(&c->rng)) | (1u << rng_below(&c->rng, 32)); break;
    default: o = documented & (uint32_t)rng_next(&c->rng); break;
  }
  if (with_align && !rng_pct(&c->rng, 20)) {
    o = (o & ~(0xffu << ZX_VM_ALIGN_BASE)) | gen_align_field(c) << ZX_VM_ALIGN_BASE;
  }
  return o;
}

// ======= Recently made mappings =======
#define RECENT 64
static struct {
  _Atomic uintptr_t base;
  _Atomic size_t len;
} recent[RECENT];
static _Atomic unsigned recent_pos;

void recent_map_add(uintptr_t base, size_t len) {
  unsigned i = atomic_fetch_add_explicit(&recent_pos, 1, memory_order_relaxed) % RECENT;
  atomic_store_explicit(&recent[i].base, base, memory_order_relaxed);
  atomic_store_explicit(&recent[i].len, len, memory_order_relaxed);
}

bool recent_map_sample(ctx_t* c, uintptr_t* base, size_t* len) {
  unsigned i = (unsigned)rng_below(&c->rng, RECENT);
  *base = atomic_load_explicit(&recent[i].base, memory_order_relaxed);
  *len = atomic_load_explicit(&recent[i].len, memory_order_relaxed);
  return *base != 0;
}

void recent_maps_clear(void) {
  for (int i = 0; i < RECENT; i++) atomic_store(&recent[i].base, 0);
}

// ======= Buffers =======
// Inside the root VMAR (a mapping or the PROT_NONE reservation): a call may
// touch up to 16 pages there, and never past the root's end.
static buf_t in_root(ctx_t* c, uint64_t* len) {
  uintptr_t base = 0;
  size_t mlen = 0;
  uintptr_t p;
  if (recent_map_sample(c, &base, &mlen) && mlen) {
    p = base + rng_below(&c->rng, mlen);
  } else {
    p = mem.root_base + rng_below(&c->rng, mem.root_end - mem.root_base);
  }
  if (rng_pct(&c->rng, 60)) p &= ~(uintptr_t)(mem.page - 1);
  uint64_t cap = 16 * mem.page;
  if (cap > mem.root_end - p) cap = mem.root_end - p;
  if (*len > cap) *len = cap;
  return (buf_t){(void*)p, B_MAYBE, "inside the root VMAR"};
}

buf_t gen_buf(ctx_t* c, uint64_t* len, bool out) {
  uint64_t need = *len;
  bool fits = need <= mem.scratch_len;
  char* end = mem.scratch + mem.scratch_len;
  switch (rng_below(&c->rng, 20)) {
    case 0: return (buf_t){NULL, need ? B_INVALID : B_VALID, "NULL"};
    case 1: return (buf_t){(void*)1, need ? B_INVALID : B_VALID, "address 1"};
    case 2: return (buf_t){(void*)(uintptr_t)(mem.page - 1), need ? B_INVALID : B_VALID, "page-1"};
    case 3: return (buf_t){mem.none, need ? B_INVALID : B_VALID, "PROT_NONE page"};
    case 4:
      return (buf_t){(void*)0xffff800000000000ull, need ? B_INVALID : B_VALID, "kernel address"};
    case 5:
      return (buf_t){(void*)0x0000800000000000ull, need ? B_INVALID : B_VALID, "non-canonical"};
    case 6:
      // Straddles the end of the scratch area into its guard page.
      return (buf_t){(void*)((uintptr_t)end - need / 2), need ? B_INVALID : B_VALID,
                     "runs into a guard page"};
    case 7:
      if (out) return (buf_t){mem.ro, need ? B_INVALID : B_VALID, "read-only page"};
      return (buf_t){mem.ro, need <= mem.page ? B_VALID : B_INVALID, "read-only page"};
    case 8:
    case 9:
      return in_root(c, len);
    case 10:
    case 11: {
      size_t off = fits ? (size_t)rng_below(&c->rng, mem.scratch_len - need + 1) : 0;
      return (buf_t){mem.scratch + off, fits ? B_VALID : B_INVALID, "scratch, unaligned"};
    }
    case 12:
      return (buf_t){fits ? end - need : mem.scratch, fits ? B_VALID : B_INVALID,  // need fits
                     "scratch, ending at its guard"};
    default:
      return (buf_t){mem.scratch, fits ? B_VALID : B_INVALID, "scratch"};
  }
}

bclass_t buf_prefix_class(const buf_t* b, uint64_t n, bool out) {
  uintptr_t p = (uintptr_t)b->p;
  uintptr_t s = (uintptr_t)mem.scratch, ro = (uintptr_t)mem.ro;
  if (n == 0) return B_VALID;
  if (p + n < p) return B_INVALID;
  if (p >= s && p < s + mem.scratch_len) return p + n <= s + mem.scratch_len ? B_VALID : B_INVALID;
  if (p >= ro && p < ro + mem.page) return !out && p + n <= ro + mem.page ? B_VALID : B_INVALID;
  if (p >= mem.root_base && p < mem.root_end) return B_MAYBE;
  return B_INVALID;
}

buf_t gen_out(ctx_t* c, void* valid, size_t size) {
  if (rng_pct(&c->rng, 85)) return (buf_t){valid, B_VALID, "valid"};
  switch (rng_below(&c->rng, 8)) {
    case 0: return (buf_t){NULL, B_INVALID, "NULL"};
    case 1: return (buf_t){(void*)1, B_INVALID, "address 1"};
    case 2: return (buf_t){mem.ro, B_INVALID, "read-only page"};
    case 3: return (buf_t){mem.none, B_INVALID, "PROT_NONE page"};
    case 4: return (buf_t){(void*)0xffff800000000000ull, B_INVALID, "kernel address"};
    case 5: return (buf_t){(void*)0x0000800000000000ull, B_INVALID, "non-canonical"};
    case 6:
      return (buf_t){mem.scratch + mem.scratch_len - size / 2, B_INVALID, "runs into a guard page"};
    default: return (buf_t){(void*)(mem.root_base + mem.page * rng_below(&c->rng, 64)), B_MAYBE,
                            "inside the root VMAR"};
  }
}

uintptr_t gen_addr(ctx_t* c, const pick_t* vmar) {
  uint64_t page = mem.page;
  uintptr_t base = vmar && vmar->size ? vmar->base : mem.root_base;
  uint64_t size = vmar && vmar->size ? vmar->size : mem.root_end - mem.root_base;
  uintptr_t mbase;
  size_t mlen;
  switch (rng_below(&c->rng, 12)) {
    case 0: return base;
    case 1: return base + size;
    case 2: return base + size - page;
    case 3: return base + (rng_below(&c->rng, size / page + 1)) * page;
    case 4: return base + gen_offset(c, size);
    case 5: return (uintptr_t)gen_offset(c, base);
    case 6: return base + 1 + rng_below(&c->rng, page - 1);
    default:
      if (recent_map_sample(c, &mbase, &mlen)) {
        switch (rng_below(&c->rng, 4)) {
          case 0: return mbase;
          case 1: return mbase + mlen;
          case 2: return mbase - page;
          default: return mbase + (rng_below(&c->rng, mlen / page + 1)) * page;
        }
      }
      return base;
  }
}
