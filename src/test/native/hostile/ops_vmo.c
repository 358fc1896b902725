// Copyright 2026 The zircon-ffm Authors.
//
// Hostile calls of the VMO syscalls. Besides the documented-status check,
// success is held to what it promises: the right type and rights, sizes as
// rounded, data that reads back, children with the documented rights.

#include <stdlib.h>
#include <string.h>

#include "hostile.h"

#define VMO_CREATE_OPTIONS (ZX_VMO_RESIZABLE | ZX_VMO_DISCARDABLE | ZX_VMO_UNBOUNDED)
#define MAX_VMO (UINT64_MAX - (128u * 1024u) + 1u)

static uint64_t round_page(uint64_t v, bool* overflow) {
  uint64_t r = (v + mem.page - 1) & ~(uint64_t)(mem.page - 1);
  *overflow = r < v;
  return r;
}

// The size of a VMO, or `fallback` if it cannot be read (no handle, wrong type).
static uint64_t vmo_size_or(zx_handle_t h, uint64_t fallback) {
  uint64_t s;
  return zx_vmo_get_size(h, &s) == ZX_OK ? s : fallback;
}

static bool live(const pick_t* p) { return p->cls == H_LIVE || p->cls == H_SELF || p->cls == H_ROOT; }

// With a live VMO handle of the right rights, a stale or garbage value gives
// BAD_HANDLE and another object WRONG_TYPE; checked where the handle is the
// first thing a syscall looks at.
static void check_handle_first(ctx_t* c, zx_status_t st, const pick_t* p) {
  if (c->concurrent) return;
  if (!live(p)) {
    expect_status(c, st, ZX_ERR_BAD_HANDLE, "the value names no handle");
  } else if (p->type != ZX_OBJ_TYPE_VMO) {
    expect_status(c, st, ZX_ERR_WRONG_TYPE, "the handle is not a VMO");
  }
}

void op_vmo_create(ctx_t* c) {
  uint64_t size = rng_pct(&c->rng, 60) ? gen_small_size(c) : gen_len(c, 16 * mem.page);
  uint32_t options = gen_options(c, VMO_CREATE_OPTIONS | ZX_VMO_TRAP_DIRTY, false);
  zx_handle_t out_v = 0;
  buf_t o = gen_out(c, &out_v, sizeof(out_v));
  call_begin(c, SC_VMO_CREATE);
  call_arg(c, "size", size, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "out", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_vmo_create(size, options, o.p);
  call_end(c, st);
  bool overflow;
  uint64_t rounded = round_page(size, &overflow);
  bool unbounded = options & ZX_VMO_UNBOUNDED;
  if (options & ~VMO_CREATE_OPTIONS) {
    expect_status(c, st, ZX_ERR_INVALID_ARGS, "unknown option bits");
  } else if (unbounded && (options & ZX_VMO_RESIZABLE)) {
    expect_not_ok(c, st, "UNBOUNDED and RESIZABLE together");
  } else if (!unbounded && (overflow || rounded > MAX_VMO)) {
    expect_status(c, st, ZX_ERR_OUT_OF_RANGE, "the size is too large");
  } else if (o.cls == B_INVALID) {
    expect_status(c, st, ZX_ERR_INVALID_ARGS, "the out-parameter is unusable");
  } else if (o.cls == B_VALID) {
    expect_status(c, st, ZX_OK, "a valid zx_vmo_create");
  }
  if (st != ZX_OK) return;
  zx_handle_t h = read_out_handle(c, &o);
  if (c->concurrent) {
    pool_put(c, h);
    return;
  }
  zx_info_handle_basic_t info = {0};
  (void)zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
  zx_rights_t want = ZX_DEFAULT_VMO_RIGHTS | (options & ZX_VMO_RESIZABLE ? ZX_RIGHT_RESIZE : 0);
  if (info.type != ZX_OBJ_TYPE_VMO || info.rights != want) {
    fail(c, "new VMO: type %u rights 0x%x, expected type %u rights 0x%x", info.type, info.rights,
         ZX_OBJ_TYPE_VMO, want);
  }
  uint64_t got = vmo_size_or(h, 0), content = 0;
  if (!unbounded && got != rounded) {
    fail(c, "zx_vmo_get_size gives 0x%llx, expected 0x%llx", (unsigned long long)got,
         (unsigned long long)rounded);
  }
  if (zx_object_get_property(h, ZX_PROP_VMO_CONTENT_SIZE, &content, sizeof(content)) != ZX_OK ||
      content != size) {
    fail(c, "content size 0x%llx, expected the size asked, 0x%llx", (unsigned long long)content,
         (unsigned long long)size);
  }
  pool_put(c, h);
}

static void read_write(ctx_t* c, bool write) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint64_t size = c->concurrent ? 16 * mem.page : vmo_size_or(p.h, 16 * mem.page);
  uint64_t off = gen_offset(c, size);
  uint64_t len = gen_len(c, size);
  buf_t b = gen_buf(c, &len, !write);
  call_begin(c, write ? SC_VMO_WRITE : SC_VMO_READ);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "buffer", (uintptr_t)b.p, b.note);
  call_arg(c, "offset", off, NULL);
  call_arg(c, "buffer_size", len, NULL);
  call_arg(c, "(VMO size)", size, NULL);
  zx_status_t st = write ? zx_vmo_write(p.h, b.p, off, len) : zx_vmo_read(p.h, b.p, off, len);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, write ? ZX_RIGHT_WRITE : ZX_RIGHT_READ,
                 write ? "zx_vmo_write" : "zx_vmo_read");
  check_handle_first(c, st, &p);
  if (st == ZX_OK && b.cls == B_INVALID && len) {
    fail(c, "moved %llu bytes through an unusable buffer (%s)", (unsigned long long)len, b.note);
  }
  if (c->concurrent || !live(&p) || p.type != ZX_OBJ_TYPE_VMO) return;
  if (off + len < off || off + len > size) {
    if (st == ZX_OK) fail(c, "a range past the VMO's end succeeded");
  }
  // A write from harness memory reads back the same.
  if (write && st == ZX_OK && b.cls == B_VALID && len && len <= mem.scratch_len &&
      (p.rights & ZX_RIGHT_READ) && vmo_cached(p.h)) {
    static char back[64 * 1024];
    if (len > sizeof(back)) return;
    zx_status_t r = zx_vmo_read(p.h, back, off, len);
    if (r != ZX_OK || memcmp(back, b.p, len) != 0) {
      fail(c, "data written does not read back (read: %s)", status_name(r));
    }
  }
}

void op_vmo_read(ctx_t* c) { read_write(c, false); }
void op_vmo_write(ctx_t* c) { read_write(c, true); }

void op_vmo_get_size(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint64_t v = 0;
  buf_t o = gen_out(c, &v, sizeof(v));
  call_begin(c, SC_VMO_GET_SIZE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "size", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_vmo_get_size(p.h, o.p);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, 0, "zx_vmo_get_size");
  check_handle_first(c, st, &p);
  if (st == ZX_OK && o.cls == B_INVALID) fail(c, "succeeded with an unusable out-parameter");
  if (st == ZX_OK && o.cls == B_VALID && (v & (mem.page - 1))) {
    fail(c, "size 0x%llx is not a page multiple", (unsigned long long)v);
  }
  if (!c->concurrent && live(&p) && p.type == ZX_OBJ_TYPE_VMO && o.cls == B_VALID) {
    expect_status(c, st, ZX_OK, "a valid zx_vmo_get_size");
  }
}

void op_vmo_set_size(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint64_t size = rng_pct(&c->rng, 60) ? rng_below(&c->rng, 64 * mem.page) : gen_len(c, 16 * mem.page);
  call_begin(c, SC_VMO_SET_SIZE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "size", size, NULL);
  zx_status_t st = zx_vmo_set_size(p.h, size);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, ZX_RIGHT_WRITE | ZX_RIGHT_RESIZE, "zx_vmo_set_size");
  check_handle_first(c, st, &p);
  bool overflow;
  uint64_t rounded = round_page(size, &overflow);
  if (st == ZX_OK && (overflow || rounded > MAX_VMO)) fail(c, "an impossible size was accepted");
  if (st != ZX_OK || c->concurrent) return;
  uint64_t got = vmo_size_or(p.h, 0), content = 0;
  if (got != rounded) {
    fail(c, "after set_size, get_size gives 0x%llx, expected 0x%llx", (unsigned long long)got,
         (unsigned long long)rounded);
  }
  if (zx_object_get_property(p.h, ZX_PROP_VMO_CONTENT_SIZE, &content, sizeof(content)) == ZX_OK &&
      content != size) {
    fail(c, "after set_size, content size 0x%llx, expected 0x%llx", (unsigned long long)content,
         (unsigned long long)size);
  }
}

static uint32_t gen_vmo_op(ctx_t* c) {
  static const uint32_t known[] = {
      ZX_VMO_OP_COMMIT,      ZX_VMO_OP_DECOMMIT,         ZX_VMO_OP_LOCK,
      ZX_VMO_OP_UNLOCK,      ZX_VMO_OP_CACHE_SYNC,       ZX_VMO_OP_CACHE_INVALIDATE,
      ZX_VMO_OP_CACHE_CLEAN, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE, ZX_VMO_OP_ZERO,
      ZX_VMO_OP_TRY_LOCK,    ZX_VMO_OP_DONT_NEED,        ZX_VMO_OP_ALWAYS_NEED,
      ZX_VMO_OP_PREFETCH};
  switch (rng_below(&c->rng, 10)) {
    case 0: return (uint32_t)rng_below(&c->rng, 20);  // includes 0, 5 and 15..19
    case 1: return (uint32_t)rng_next(&c->rng);
    default: return known[rng_below(&c->rng, sizeof(known) / sizeof(known[0]))];
  }
}

static zx_rights_t vmo_op_rights(uint32_t op, bool* any_of) {
  *any_of = false;
  switch (op) {
    case ZX_VMO_OP_COMMIT:
    case ZX_VMO_OP_DECOMMIT:
    case ZX_VMO_OP_ZERO:
    case ZX_VMO_OP_CACHE_INVALIDATE:
      return ZX_RIGHT_WRITE;
    case ZX_VMO_OP_CACHE_SYNC:
    case ZX_VMO_OP_CACHE_CLEAN:
    case ZX_VMO_OP_CACHE_CLEAN_INVALIDATE:
    case ZX_VMO_OP_PREFETCH:
      return ZX_RIGHT_READ;
    case ZX_VMO_OP_LOCK:
    case ZX_VMO_OP_TRY_LOCK:
    case ZX_VMO_OP_UNLOCK:
      *any_of = true;
      return ZX_RIGHT_READ | ZX_RIGHT_WRITE;
    default:
      return 0;
  }
}

void op_vmo_op_range(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint64_t size = c->concurrent ? 16 * mem.page : vmo_size_or(p.h, 16 * mem.page);
  uint32_t op = gen_vmo_op(c);
  uint64_t off = gen_offset(c, size);
  uint64_t len = gen_len(c, size);
  if (op == ZX_VMO_OP_COMMIT && len > 64 * mem.page && off + len >= off) {
    // Committing allocates host memory for real: keep it small, unless the
    // range wraps (which must fail before anything is allocated).
    len = rng_pct(&c->rng, 50) ? rng_below(&c->rng, 64 * mem.page) : UINT64_MAX - off + 1 + rng_below(&c->rng, mem.page);
  }
  uint64_t blen = rng_pct(&c->rng, 50) ? sizeof(zx_vmo_lock_state_t) : gen_len(c, 32);
  buf_t b = rng_pct(&c->rng, 30) ? (buf_t){NULL, B_INVALID, "NULL"} : gen_buf(c, &blen, true);
  call_begin(c, SC_VMO_OP_RANGE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "op", op, NULL);
  call_arg(c, "offset", off, NULL);
  call_arg(c, "size", len, NULL);
  call_arg(c, "buffer", (uintptr_t)b.p, b.note);
  call_arg(c, "buffer_size", blen, NULL);
  call_arg(c, "(VMO size)", size, NULL);
  zx_status_t st = zx_vmo_op_range(p.h, op, off, len, b.p, blen);
  call_end(c, st);
  bool any_of;
  zx_rights_t need = vmo_op_rights(op, &any_of);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, any_of ? 0 : need, "zx_vmo_op_range");
  if (st == ZX_OK && any_of && !(p.rights & need) && !c->concurrent) {
    fail(c, "a lock op succeeded without READ or WRITE");
  }
  if (st != ZX_OK) return;
  if (op == 0 || op == 5 || op > ZX_VMO_OP_PREFETCH) fail(c, "an unknown op %u succeeded", op);
  bool cache = op >= ZX_VMO_OP_CACHE_SYNC && op <= ZX_VMO_OP_CACHE_CLEAN_INVALIDATE;
  if (cache && len == 0) fail(c, "a cache op of size 0 succeeded");
  if (op == ZX_VMO_OP_DECOMMIT && ((off | len) & (mem.page - 1))) {
    fail(c, "DECOMMIT of an unaligned range succeeded");
  }
  if (op == ZX_VMO_OP_LOCK) {
    zx_vmo_lock_state_t state;
    bclass_t k = buf_prefix_class(&b, sizeof(state), true);
    if (k == B_INVALID || blen < sizeof(state)) fail(c, "LOCK succeeded with no usable buffer");
    if (k == B_VALID && !c->concurrent) {
      memcpy(&state, b.p, sizeof(state));
      if (state.offset != 0 || state.size != size) fail(c, "LOCK reported a wrong range");
    }
  }
}

static uint32_t child_kinds(uint32_t options) {
  uint32_t kinds = options & (ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE |
                              ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_REFERENCE |
                              ZX_VMO_CHILD_SNAPSHOT_MODIFIED);
  return (uint32_t)__builtin_popcount(kinds);
}

#define CHILD_OPTIONS                                                                  \
  (ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE | ZX_VMO_CHILD_SLICE |               \
   ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE | ZX_VMO_CHILD_NO_WRITE | ZX_VMO_CHILD_REFERENCE | \
   ZX_VMO_CHILD_SNAPSHOT_MODIFIED)

void op_vmo_create_child(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint64_t psize = c->concurrent ? 16 * mem.page : vmo_size_or(p.h, 16 * mem.page);
  uint32_t options = gen_options(c, CHILD_OPTIONS, false);
  uint64_t off = gen_offset(c, psize);
  uint64_t size = rng_pct(&c->rng, 50) ? gen_small_size(c) : gen_len(c, psize);
  zx_handle_t out_v = 0;
  buf_t o = gen_out(c, &out_v, sizeof(out_v));
  call_begin(c, SC_VMO_CREATE_CHILD);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "offset", off, NULL);
  call_arg(c, "size", size, NULL);
  call_arg(c, "out", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_vmo_create_child(p.h, options, off, size, o.p);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, ZX_RIGHT_DUPLICATE | ZX_RIGHT_READ,
                 "zx_vmo_create_child");
  if (st == ZX_OK) {
    if (options & ~CHILD_OPTIONS) fail(c, "unknown option bits were accepted");
    if (child_kinds(options) != 1) fail(c, "succeeded without exactly one child type");
    if ((options & ZX_VMO_CHILD_NO_WRITE) && (options & ZX_VMO_CHILD_RESIZABLE)) {
      fail(c, "NO_WRITE with RESIZABLE was accepted");
    }
    if ((options & ZX_VMO_CHILD_SLICE) && (options & ZX_VMO_CHILD_RESIZABLE)) {
      fail(c, "a resizable slice was accepted");
    }
    if (!(options & ZX_VMO_CHILD_REFERENCE) && (off & (mem.page - 1))) {
      fail(c, "an unaligned offset was accepted");
    }
  }
  if (st != ZX_OK) return;
  zx_handle_t h = read_out_handle(c, &o);
  if (c->concurrent) {
    pool_put(c, h);
    return;
  }
  // The documented rights of a child (vmo_create_child.md; core-tests B5).
  bool no_write = options & ZX_VMO_CHILD_NO_WRITE;
  bool snapshot = !(options & (ZX_VMO_CHILD_SLICE | ZX_VMO_CHILD_REFERENCE));
  zx_rights_t want = (p.rights & ~ZX_RIGHT_RESIZE) |
                     (options & ZX_VMO_CHILD_RESIZABLE ? ZX_RIGHT_RESIZE : 0) |
                     ZX_RIGHT_GET_PROPERTY | ZX_RIGHT_SET_PROPERTY;
  if (no_write) {
    want &= ~ZX_RIGHT_WRITE;
  } else if (snapshot) {
    want = (want & ~ZX_RIGHT_EXECUTE) | ZX_RIGHT_WRITE;
  }
  zx_info_vmo_t info;
  zx_info_handle_basic_t basic;
  if (zx_object_get_info(h, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL) != ZX_OK ||
      zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), NULL, NULL) != ZX_OK) {
    fail(c, "the new child cannot be inspected");
  }
  if (basic.rights != want) fail(c, "child rights 0x%x, documented 0x%x", basic.rights, want);
  if (info.parent_koid != p.koid) fail(c, "child's parent_koid is not its parent's koid");
  bool overflow;
  uint64_t rounded = round_page(size, &overflow);
  if (!(options & ZX_VMO_CHILD_REFERENCE) && info.size_bytes != rounded) {
    fail(c, "child size 0x%llx, expected 0x%llx", (unsigned long long)info.size_bytes,
         (unsigned long long)rounded);
  }
  pool_put(c, h);
}

void op_vmo_set_cache_policy(ctx_t* c) {
  static const uint32_t policies[] = {0, 1, 2, 3, 4, 5, 0x80000000u, 0xffffffffu};
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint32_t policy = rng_pct(&c->rng, 80) ? policies[rng_below(&c->rng, 8)]
                                          : (uint32_t)rng_next(&c->rng);
  call_begin(c, SC_VMO_SET_CACHE_POLICY);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "cache_policy", policy, NULL);
  zx_status_t st = zx_vmo_set_cache_policy(p.h, policy);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, ZX_RIGHT_MAP, "zx_vmo_set_cache_policy");
  if (st == ZX_OK && policy > ZX_CACHE_POLICY_MASK) fail(c, "an unknown policy was accepted");
}

void op_vmo_replace_as_executable(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMO);
  zx_handle_t h = pick_consume(c, &p);
  pick_t vmex = rng_pct(&c->rng, 75) ? (pick_t){.cls = H_INVALID} : pick_any(c, 0);
  zx_handle_t out_v = 0;
  buf_t o = gen_out(c, &out_v, sizeof(out_v));
  call_begin(c, SC_VMO_REPLACE_AS_EXECUTABLE);
  call_arg(c, "handle", h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "vmex", vmex.h, hclass_note(&vmex));
  call_arg(c, "out", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_vmo_replace_as_executable(h, vmex.h, o.p);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMO, 0, "zx_vmo_replace_as_executable");
  if (p.cls == H_LIVE) {
    note_dead(h);
    expect_dead(c, h, "zx_vmo_replace_as_executable always invalidates its handle");
  }
  if (st == ZX_OK) {
    if (vmex.h != ZX_HANDLE_INVALID) fail(c, "a vmex that is no VMEX resource was accepted");
    zx_handle_t n = read_out_handle(c, &o);
    zx_info_handle_basic_t info = {0};
    if (zx_object_get_info(n, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) != ZX_OK ||
        info.rights != (p.rights | ZX_RIGHT_EXECUTE)) {
      fail(c, "the executable handle's rights are 0x%x, expected 0x%x", info.rights,
           p.rights | ZX_RIGHT_EXECUTE);
    }
    pool_put(c, n);
  } else if (p.cls == H_LIVE && p.type == ZX_OBJ_TYPE_VMO && vmex.h == ZX_HANDLE_INVALID &&
             o.cls == B_VALID) {
    expect_status(c, st, ZX_OK, "a valid replace_as_executable");
  }
}
