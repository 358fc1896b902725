// Copyright 2026 The zircon-ffm Authors.
//
// Hostile calls of the VMAR syscalls. A success is held to its promises: the
// address lies where the options say, the host memory behind it behaves as
// the permissions say (probed through the kernel), an unmapped range is gone,
// a destroyed VMAR refuses further use.

#include <string.h>

#include "hostile.h"

#define PERMS (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)
#define CAN_MAP (ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_EXECUTE)
#define ALLOCATE_OPTIONS \
  (ZX_VM_COMPACT | ZX_VM_SPECIFIC | ZX_VM_CAN_MAP_SPECIFIC | CAN_MAP | ZX_VM_OFFSET_IS_UPPER_LIMIT)
#define MAP_OPTIONS                                                                         \
  (PERMS | ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE | ZX_VM_OFFSET_IS_UPPER_LIMIT |        \
   ZX_VM_MAP_RANGE | ZX_VM_REQUIRE_NON_RESIZABLE | ZX_VM_ALLOW_FAULTS |                    \
   ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED | ZX_VM_FAULT_BEYOND_STREAM_SIZE)

static bool aligned(uint64_t v) { return (v & (mem.page - 1)) == 0; }

static size_t align_of(uint32_t options) {
  uint32_t f = options >> ZX_VM_ALIGN_BASE;
  size_t a = f ? (size_t)1 << f : 0;
  return a < mem.page ? mem.page : a;
}

static uint64_t round_up(uint64_t v) { return (v + mem.page - 1) & ~(uint64_t)(mem.page - 1); }

static zx_rights_t rights_for_perms(uint32_t perms) {
  zx_rights_t r = 0;
  if (perms & ZX_VM_PERM_READ) r |= ZX_RIGHT_READ;
  if (perms & ZX_VM_PERM_WRITE) r |= ZX_RIGHT_WRITE;
  if (perms & ZX_VM_PERM_EXECUTE) r |= ZX_RIGHT_EXECUTE;
  return r;
}

// Where a region placed by a call that succeeded may lie.
static void check_placement(ctx_t* c, const pick_t* vmar, uint32_t options, uint64_t offset,
                            uintptr_t addr, uint64_t size, const char* what) {
  if (c->concurrent || !vmar->size) return;
  if (!aligned(addr) || addr < vmar->base || addr + size < addr ||
      addr + size > vmar->base + vmar->size) {
    fail(c, "%s at 0x%llx+0x%llx, outside its VMAR 0x%llx+0x%llx", what,
         (unsigned long long)addr, (unsigned long long)size, (unsigned long long)vmar->base,
         (unsigned long long)vmar->size);
  }
  if ((options & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE)) && addr != vmar->base + offset) {
    fail(c, "%s with SPECIFIC landed at 0x%llx, not base+offset", what, (unsigned long long)addr);
  }
  if ((options & ZX_VM_OFFSET_IS_UPPER_LIMIT) && addr + size > vmar->base + offset) {
    fail(c, "%s ends past its OFFSET_IS_UPPER_LIMIT", what);
  }
  if (addr & (align_of(options) - 1)) fail(c, "%s ignores its ZX_VM_ALIGN_*", what);
}

void op_vmar_allocate(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMAR);
  uint32_t options = gen_options(c, ALLOCATE_OPTIONS, true);
  if (rng_pct(&c->rng, 5)) options |= PERMS & (uint32_t)rng_next(&c->rng);
  uint64_t vsize = p.size ? p.size : 64 * mem.page;
  uint64_t offset = rng_pct(&c->rng, 50) ? 0 : gen_offset(c, vsize);
  uint64_t size = rng_pct(&c->rng, 50) ? gen_small_size(c) : gen_len(c, vsize);
  zx_handle_t out_v = 0;
  zx_vaddr_t addr_v = 0;
  buf_t oh = gen_out(c, &out_v, sizeof(out_v));
  buf_t oa = rng_pct(&c->rng, 50) ? (buf_t){&addr_v, B_VALID, "valid"} : gen_out(c, &addr_v, sizeof(addr_v));
  call_begin(c, SC_VMAR_ALLOCATE);
  call_arg(c, "parent_vmar", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "offset", offset, NULL);
  call_arg(c, "size", size, NULL);
  call_arg(c, "child_vmar", (uintptr_t)oh.p, oh.note);
  call_arg(c, "child_addr", (uintptr_t)oa.p, oa.note);
  zx_status_t st = zx_vmar_allocate(p.h, options, offset, size, oh.p, oa.p);
  call_end(c, st);
  zx_rights_t need = rights_for_perms((options & CAN_MAP) >> 7);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMAR, need, "zx_vmar_allocate");
  if (st != ZX_OK) return;
  if (options & ~(ALLOCATE_OPTIONS | (0xffu << ZX_VM_ALIGN_BASE))) fail(c, "stray option bits accepted");
  if (size == 0 || !aligned(size) || !aligned(offset)) fail(c, "a zero or unaligned range accepted");
  bool placed = options & (ZX_VM_SPECIFIC | ZX_VM_OFFSET_IS_UPPER_LIMIT);
  if (!placed && offset) fail(c, "a non-zero offset without SPECIFIC or UPPER_LIMIT accepted");
  if ((options & ZX_VM_SPECIFIC) && (options & ZX_VM_OFFSET_IS_UPPER_LIMIT)) {
    fail(c, "SPECIFIC with OFFSET_IS_UPPER_LIMIT accepted");
  }
  zx_handle_t h = read_out_handle(c, &oh);
  zx_vaddr_t addr = 0;
  if (oa.cls == B_INVALID || !mem_read((uintptr_t)oa.p, &addr, sizeof(addr))) {
    fail(c, "succeeded with an unusable child_addr (%s)", oa.note);
  }
  check_placement(c, &p, options, offset, addr, size, "a sub-VMAR");
  zx_info_vmar_t info;
  if (zx_object_get_info(h, ZX_INFO_VMAR, &info, sizeof(info), NULL, NULL) != ZX_OK ||
      info.base != addr || info.len != size) {
    fail(c, "ZX_INFO_VMAR of the new VMAR disagrees with what allocate returned");
  }
  pool_put(c, h);
}

void op_vmar_destroy(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMAR);
  call_begin(c, SC_VMAR_DESTROY);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  zx_status_t st = zx_vmar_destroy(p.h);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMAR, ZX_RIGHT_OP_CHILDREN, "zx_vmar_destroy");
  if (p.cls == H_ROOT) expect_status(c, st, ZX_ERR_NOT_SUPPORTED, "the root VMAR cannot be destroyed");
  if (st != ZX_OK || c->concurrent) return;
  uint8_t b;
  if (p.size && mem_probe_read(p.base, &b)) fail(c, "a destroyed VMAR's first page is readable");
  zx_handle_t child;
  zx_vaddr_t addr;
  zx_status_t again = zx_vmar_allocate(p.h, 0, 0, mem.page, &child, &addr);
  if (again != ZX_ERR_BAD_STATE) {
    if (again == ZX_OK) pool_put(c, child);
    fail(c, "allocating in a destroyed VMAR gave %s, not ZX_ERR_BAD_STATE", status_name(again));
  }
}

// After a mapping succeeded: its first page reads iff it is readable and the
// VMO has a page there; a write through it shows in zx_vmo_read.
static void check_new_mapping(ctx_t* c, uintptr_t addr, uint32_t perms, const pick_t* vmo,
                              uint64_t vmo_offset) {
  if (c->concurrent || vmo->cls != H_LIVE) return;
  bool known;
  bool backed = vmo_page_backed(vmo->h, vmo_offset, &known);
  uint8_t b;
  bool readable = mem_probe_read(addr, &b);
  if ((known || !(perms & ZX_VM_PERM_READ)) && readable != (backed && (perms & ZX_VM_PERM_READ))) {
    fail(c, "new mapping at 0x%llx: readable=%d, expected %d (perms 0x%x)",
         (unsigned long long)addr, readable, !readable, perms);
  }
  if (!(perms & ZX_VM_PERM_WRITE)) {
    if (mem_probe_write(addr, 0x5a)) fail(c, "a mapping without PERM_WRITE took a write");
    return;
  }
  if (!backed || !(vmo->rights & ZX_RIGHT_READ) || !vmo_cached(vmo->h)) return;
  uint8_t v = (uint8_t)rng_next(&c->rng), got = 0;
  if (!mem_probe_write(addr, v)) fail(c, "a writable mapping refused a write");
  if (zx_vmo_read(vmo->h, &got, vmo_offset, 1) != ZX_OK || got != v) {
    fail(c, "a byte written through the mapping reads back as 0x%x, not 0x%x", got, v);
  }
}

void op_vmar_map(ctx_t* c) {
  pick_t vmar = pick_any(c, ZX_OBJ_TYPE_VMAR);
  pick_t vmo = pick_any(c, ZX_OBJ_TYPE_VMO);
  uint32_t options = gen_options(c, MAP_OPTIONS, true);
  if (rng_pct(&c->rng, 5)) options |= CAN_MAP & (uint32_t)rng_next(&c->rng);
  uint64_t vsize = vmar.size ? vmar.size : 64 * mem.page;
  uint64_t vmo_size = 16 * mem.page;
  if (!c->concurrent) (void)zx_vmo_get_size(vmo.h, &vmo_size);
  uint64_t vmar_offset = rng_pct(&c->rng, 50) ? 0 : gen_offset(c, vsize);
  uint64_t vmo_offset = rng_pct(&c->rng, 50) ? 0 : gen_offset(c, vmo_size);
  uint64_t len = rng_pct(&c->rng, 60) ? (rng_pct(&c->rng, 50) ? vmo_size : mem.page * (1 + rng_below(&c->rng, 16)))
                                      : gen_len(c, vsize);
  zx_vaddr_t addr_v = 0;
  buf_t o = gen_out(c, &addr_v, sizeof(addr_v));
  call_begin(c, SC_VMAR_MAP);
  call_arg(c, "handle", vmar.h, hclass_note(&vmar));
  call_arg(c, "(its rights)", vmar.rights, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "vmar_offset", vmar_offset, NULL);
  call_arg(c, "vmo", vmo.h, hclass_note(&vmo));
  call_arg(c, "(its rights)", vmo.rights, NULL);
  call_arg(c, "vmo_offset", vmo_offset, NULL);
  call_arg(c, "len", len, NULL);
  call_arg(c, "mapped_addr", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_vmar_map(vmar.h, options, vmar_offset, vmo.h, vmo_offset, len, o.p);
  call_end(c, st);
  uint32_t perms = options & PERMS;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) perms |= ZX_VM_PERM_READ;  // x86: no XOM
  require_for_ok(c, st, &vmar, ZX_OBJ_TYPE_VMAR, rights_for_perms(perms), "zx_vmar_map (VMAR)");
  require_for_ok(c, st, &vmo, ZX_OBJ_TYPE_VMO, ZX_RIGHT_MAP | rights_for_perms(perms),
                 "zx_vmar_map (VMO)");
  if (st != ZX_OK) return;
  if (options & ~(MAP_OPTIONS | (0xffu << ZX_VM_ALIGN_BASE))) fail(c, "stray option bits accepted");
  if ((perms & (ZX_VM_PERM_WRITE | ZX_VM_PERM_EXECUTE)) && !(perms & ZX_VM_PERM_READ)) {
    fail(c, "write or execute without read accepted");
  }
  if (len == 0 || !aligned(vmo_offset)) fail(c, "a zero len or unaligned vmo_offset accepted");
  bool specific = options & (ZX_VM_SPECIFIC | ZX_VM_SPECIFIC_OVERWRITE);
  bool upper = options & ZX_VM_OFFSET_IS_UPPER_LIMIT;
  if (specific && upper) fail(c, "SPECIFIC with OFFSET_IS_UPPER_LIMIT accepted");
  if ((options & ZX_VM_SPECIFIC_OVERWRITE) && (options & ZX_VM_MAP_RANGE)) {
    fail(c, "SPECIFIC_OVERWRITE with MAP_RANGE accepted");
  }
  if (!specific && !upper && vmar_offset) fail(c, "a vmar_offset without SPECIFIC accepted");
  if (o.cls == B_INVALID) fail(c, "succeeded with an unusable mapped_addr (%s)", o.note);
  zx_vaddr_t addr = 0;
  if (!mem_read((uintptr_t)o.p, &addr, sizeof(addr))) fail(c, "mapped_addr cannot be read back");
  uint64_t size = round_up(len);
  check_placement(c, &vmar, options, vmar_offset, addr, size, "a mapping");
  recent_map_add(addr, size);
  check_new_mapping(c, addr, perms, &vmo, vmo_offset);
}

void op_vmar_unmap(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMAR);
  uintptr_t addr = gen_addr(c, &p);
  uintptr_t mb;
  size_t ml;
  uint64_t ref = recent_map_sample(c, &mb, &ml) ? ml : (p.size ? p.size : 16 * mem.page);
  uint64_t len = gen_len(c, ref);
  call_begin(c, SC_VMAR_UNMAP);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "addr", addr, NULL);
  call_arg(c, "len", len, NULL);
  zx_status_t st = zx_vmar_unmap(p.h, addr, len);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMAR, 0, "zx_vmar_unmap");
  if (st != ZX_OK) return;
  if (!aligned(addr) || len == 0) fail(c, "an unaligned address or zero length accepted");
  uint64_t size = round_up(len);
  if (size == 0) fail(c, "a length that rounds up to 0 accepted");
  if (c->concurrent) return;
  uint8_t b;
  if (mem_probe_read(addr, &b) || mem_probe_read(addr + size - mem.page, &b)) {
    fail(c, "memory at the ends of the unmapped range is still readable");
  }
}

void op_vmar_protect(ctx_t* c) {
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMAR);
  uint32_t options = gen_options(c, PERMS | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED, false);
  if (rng_pct(&c->rng, 3)) options |= gen_align_field(c) << ZX_VM_ALIGN_BASE;
  uintptr_t addr = gen_addr(c, &p);
  uintptr_t mb;
  size_t ml;
  uint64_t ref = recent_map_sample(c, &mb, &ml) ? ml : 16 * mem.page;
  uint64_t len = gen_len(c, ref);
  call_begin(c, SC_VMAR_PROTECT);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "addr", addr, NULL);
  call_arg(c, "len", len, NULL);
  zx_status_t st = zx_vmar_protect(p.h, options, addr, len);
  call_end(c, st);
  uint32_t perms = options & PERMS;
  if (options & ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED) perms |= ZX_VM_PERM_READ;
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMAR, rights_for_perms(perms), "zx_vmar_protect");
  if (st != ZX_OK) return;
  if (options & ~(PERMS | ZX_VM_PERM_READ_IF_XOM_UNSUPPORTED)) fail(c, "stray option bits accepted");
  if (perms && !(perms & ZX_VM_PERM_READ)) fail(c, "write or execute without read accepted");
  if (!aligned(addr) || len == 0) fail(c, "an unaligned address or zero length accepted");
  if (c->concurrent) return;
  uint64_t size = round_up(len);
  uint8_t b;
  uintptr_t last = addr + size - mem.page;
  if (!(perms & ZX_VM_PERM_READ) && (mem_probe_read(addr, &b) || mem_probe_read(last, &b))) {
    fail(c, "memory protected without PERM_READ is still readable");
  }
  if (!(perms & ZX_VM_PERM_WRITE) && (mem_probe_write(addr, 0x5a) || mem_probe_write(last, 0x5a))) {
    fail(c, "memory protected without PERM_WRITE took a write");
  }
}

void op_vmar_op_range(ctx_t* c) {
  static const uint32_t known[] = {ZX_VMAR_OP_COMMIT,    ZX_VMAR_OP_DECOMMIT,  ZX_VMAR_OP_MAP_RANGE,
                                   ZX_VMAR_OP_ZERO,      ZX_VMAR_OP_DONT_NEED, ZX_VMAR_OP_ALWAYS_NEED,
                                   ZX_VMAR_OP_PREFETCH};
  pick_t p = pick_any(c, ZX_OBJ_TYPE_VMAR);
  uint32_t op = rng_pct(&c->rng, 80) ? known[rng_below(&c->rng, 7)] : (uint32_t)rng_below(&c->rng, 20);
  uintptr_t addr = gen_addr(c, &p);
  uintptr_t mb;
  size_t ml;
  uint64_t ref = recent_map_sample(c, &mb, &ml) ? ml : 16 * mem.page;
  uint64_t len = gen_len(c, ref);
  if (op == ZX_VMAR_OP_COMMIT && len > 64 * mem.page && addr + len >= addr) {
    len = rng_below(&c->rng, 64 * mem.page);  // commits allocate host memory for real
  }
  void* buffer = NULL;
  uint64_t bsize = 0;
  if (rng_pct(&c->rng, 15)) {
    bsize = gen_len(c, 16);
    buffer = gen_buf(c, &bsize, true).p;
  }
  call_begin(c, SC_VMAR_OP_RANGE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "op", op, NULL);
  call_arg(c, "address", addr, NULL);
  call_arg(c, "size", len, NULL);
  call_arg(c, "buffer", (uintptr_t)buffer, NULL);
  call_arg(c, "buffer_size", bsize, NULL);
  zx_status_t st = zx_vmar_op_range(p.h, op, addr, len, buffer, bsize);
  call_end(c, st);
  require_for_ok(c, st, &p, ZX_OBJ_TYPE_VMAR, 0, "zx_vmar_op_range");
  if (st != ZX_OK) return;
  if (buffer || bsize) fail(c, "a buffer was accepted (must be empty)");
  if (len == 0 || !aligned(addr)) fail(c, "an unaligned address or zero size accepted");
  bool ok_op = false;
  for (int i = 0; i < 7; i++) ok_op |= op == known[i];
  if (!ok_op) fail(c, "an unknown op %u succeeded", op);
}
