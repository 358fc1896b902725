// Copyright 2026 The zircon-ffm Authors.
//
// "Deep" operations: valid calls that build real state (VMOs with data,
// sub-VMARs, mappings, child chains, partial unmaps and protects, resizes
// under mappings), so that the hostile calls meet full tables, and each
// checked on the spot. Plus an injected allocation failure now and then:
// the calls it hits must fail cleanly (NO_MEMORY) and leave the tables whole.

#include <string.h>

#include "hostile.h"
#include "zxemu/testing.h"

#define RW (ZX_VM_PERM_READ | ZX_VM_PERM_WRITE)

void op_deep_vmo(ctx_t* c) {
  uint64_t size = mem.page * (1 + rng_below(&c->rng, 16));
  uint32_t options = rng_pct(&c->rng, 30) ? ZX_VMO_RESIZABLE : 0;
  zx_handle_t h;
  call_begin(c, SC_VMO_CREATE);
  call_arg(c, "size", size, NULL);
  call_arg(c, "options", options, NULL);
  zx_status_t st = zx_vmo_create(size, options, &h);
  call_end(c, st);
  if (st != ZX_OK) {
    expect_status(c, st, ZX_OK, "a valid zx_vmo_create");
    return;
  }
  pool_put(c, h);
  size_t n = (size_t)rng_below(&c->rng, mem.scratch_len < size ? mem.scratch_len : size);
  uint64_t off = rng_below(&c->rng, size - n + 1);
  for (size_t i = 0; i < n; i++) mem.scratch[i] = (char)rng_next(&c->rng);
  call_begin(c, SC_VMO_WRITE);
  call_arg(c, "handle", h, "new VMO");
  call_arg(c, "offset", off, NULL);
  call_arg(c, "buffer_size", n, NULL);
  st = zx_vmo_write(h, mem.scratch, off, n);
  call_end(c, st);
  if (!c->concurrent) expect_status(c, st, ZX_OK, "writing inside a new VMO");
}

void op_deep_allocate(ctx_t* c) {
  pick_t p = pick_live(c, ZX_OBJ_TYPE_VMAR);
  uint64_t size = mem.page * (4 + rng_below(&c->rng, 252));
  uint32_t options = ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_CAN_MAP_SPECIFIC;
  if (rng_pct(&c->rng, 30)) options |= ZX_VM_COMPACT;
  uint64_t offset = 0;
  if (rng_pct(&c->rng, 30) && p.size > size) {
    options |= ZX_VM_SPECIFIC;
    offset = mem.page * rng_below(&c->rng, (p.size - size) / mem.page + 1);
  }
  zx_handle_t h;
  zx_vaddr_t addr;
  call_begin(c, SC_VMAR_ALLOCATE);
  call_arg(c, "parent_vmar", p.h, hclass_note(&p));
  call_arg(c, "options", options, NULL);
  call_arg(c, "offset", offset, NULL);
  call_arg(c, "size", size, NULL);
  zx_status_t st = zx_vmar_allocate(p.h, options, offset, size, &h, &addr);
  call_end(c, st);
  if (st == ZX_OK) pool_put(c, h);
}

// Maps a live VMO in a live VMAR with valid arguments; then the memory must
// behave: a byte written through the mapping reads back through zx_vmo_read
// and a byte written with zx_vmo_write shows in the mapping.
void op_deep_map(ctx_t* c) {
  pick_t vmar = pick_live(c, ZX_OBJ_TYPE_VMAR);
  pick_t vmo = pick_live(c, ZX_OBJ_TYPE_VMO);
  if (vmo.cls != H_LIVE) return;
  uint64_t vsize = 0;
  if (zx_vmo_get_size(vmo.h, &vsize) != ZX_OK || vsize == 0) return;
  uint32_t options = ZX_VM_PERM_READ;
  if ((vmo.rights & vmar.rights & ZX_RIGHT_WRITE) && rng_pct(&c->rng, 80)) options |= ZX_VM_PERM_WRITE;
  if (rng_pct(&c->rng, 20)) options |= ZX_VM_ALLOW_FAULTS;
  uint64_t pages = vsize / mem.page;
  if (pages > 16) pages = 16;
  uint64_t len = mem.page * (1 + rng_below(&c->rng, pages));
  uint64_t vmo_offset = mem.page * rng_below(&c->rng, vsize / mem.page - len / mem.page + 1);
  uint64_t vmar_offset = 0;
  if (rng_pct(&c->rng, 30) && vmar.size > len) {
    options |= rng_pct(&c->rng, 70) ? ZX_VM_SPECIFIC : ZX_VM_SPECIFIC_OVERWRITE;
    vmar_offset = mem.page * rng_below(&c->rng, (vmar.size - len) / mem.page + 1);
  }
  zx_vaddr_t addr;
  call_begin(c, SC_VMAR_MAP);
  call_arg(c, "handle", vmar.h, hclass_note(&vmar));
  call_arg(c, "options", options, NULL);
  call_arg(c, "vmar_offset", vmar_offset, NULL);
  call_arg(c, "vmo", vmo.h, hclass_note(&vmo));
  call_arg(c, "vmo_offset", vmo_offset, NULL);
  call_arg(c, "len", len, NULL);
  zx_status_t st = zx_vmar_map(vmar.h, options, vmar_offset, vmo.h, vmo_offset, len, &addr);
  call_end(c, st);
  if (st != ZX_OK) return;
  recent_map_add(addr, len);
  if (c->concurrent) return;
  uint64_t at = mem.page * rng_below(&c->rng, len / mem.page) + rng_below(&c->rng, mem.page);

  uint8_t got = 0;
  if (!mem_probe_read(addr + at, &got)) {
    zx_info_vmo_t info = {0};
    (void)zx_object_get_info(vmo.h, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL);
    fail(c, "a fresh readable mapping cannot be read at +0x%llx (VMO size 0x%llx, flags 0x%x, "
         "parent koid %llu)", (unsigned long long)at, (unsigned long long)info.size_bytes,
         info.flags, (unsigned long long)info.parent_koid);
  }
  if (!(vmo.rights & ZX_RIGHT_READ) || !vmo_cached(vmo.h)) return;
  uint8_t v = 0;
  if (zx_vmo_read(vmo.h, &v, vmo_offset + at, 1) != ZX_OK || v != got) {
    fail(c, "mapping shows 0x%x at +0x%llx, zx_vmo_read gives 0x%x", got, (unsigned long long)at, v);
  }
  if (options & ZX_VM_PERM_WRITE) {
    uint8_t w = (uint8_t)rng_next(&c->rng);
    if (!mem_probe_write(addr + at, w)) fail(c, "a fresh writable mapping refused a write");
    if (zx_vmo_read(vmo.h, &v, vmo_offset + at, 1) != ZX_OK || v != w) {
      fail(c, "wrote 0x%x through the mapping, zx_vmo_read gives 0x%x", w, v);
    }
  }
  if (vmo.rights & ZX_RIGHT_WRITE) {
    uint8_t w = (uint8_t)rng_next(&c->rng);
    if (zx_vmo_write(vmo.h, &w, vmo_offset + at, 1) != ZX_OK) return;
    if (!mem_probe_read(addr + at, &got) || got != w) {
      fail(c, "zx_vmo_write of 0x%x does not show in the mapping (0x%x)", w, got);
    }
  }
}

void op_deep_child(ctx_t* c) {
  pick_t p = pick_live(c, ZX_OBJ_TYPE_VMO);
  if (p.cls != H_LIVE) return;
  uint64_t psize = 0;
  if (zx_vmo_get_size(p.h, &psize) != ZX_OK) return;
  static const uint32_t kinds[] = {ZX_VMO_CHILD_SNAPSHOT, ZX_VMO_CHILD_SNAPSHOT_AT_LEAST_ON_WRITE,
                                   ZX_VMO_CHILD_SLICE, ZX_VMO_CHILD_REFERENCE,
                                   ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_RESIZABLE,
                                   ZX_VMO_CHILD_SNAPSHOT | ZX_VMO_CHILD_NO_WRITE};
  uint32_t options = kinds[rng_below(&c->rng, 6)];
  uint64_t off = 0, size = 0;
  if (!(options & ZX_VMO_CHILD_REFERENCE)) {
    uint64_t pages = psize / mem.page;
    off = mem.page * rng_below(&c->rng, pages + 1);
    size = (options & ZX_VMO_CHILD_SLICE) ? mem.page * rng_below(&c->rng, pages - off / mem.page + 1)
                                          : mem.page * (1 + rng_below(&c->rng, 16));
  }
  zx_handle_t h;
  call_begin(c, SC_VMO_CREATE_CHILD);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "options", options, NULL);
  call_arg(c, "offset", off, NULL);
  call_arg(c, "size", size, NULL);
  zx_status_t st = zx_vmo_create_child(p.h, options, off, size, &h);
  call_end(c, st);
  if (st != ZX_OK) return;
  pool_put(c, h);
  if (c->concurrent || !(p.rights & ZX_RIGHT_READ) || !vmo_cached(p.h)) return;
  // Right after creation a child reads what its parent holds there.
  uint64_t n = size ? size : psize;
  if (off >= psize || n == 0) return;
  if (n > psize - off) n = psize - off;
  if (n > 4096) n = 4096;
  static char a[4096], b[4096];
  if (zx_vmo_read(p.h, a, off, n) != ZX_OK) return;
  zx_status_t r = zx_vmo_read(h, b, 0, n);
  if (r == ZX_OK && memcmp(a, b, n) != 0) fail(c, "a new child does not read its parent's data");
}

static bool recent_range(ctx_t* c, uintptr_t* addr, uint64_t* len) {
  uintptr_t base;
  size_t mlen;
  if (!recent_map_sample(c, &base, &mlen) || mlen < mem.page) return false;
  uint64_t pages = mlen / mem.page;
  uint64_t first = rng_below(&c->rng, pages);
  *addr = base + first * mem.page;
  *len = mem.page * (1 + rng_below(&c->rng, pages - first));
  return true;
}

void op_deep_unmap(ctx_t* c) {
  uintptr_t addr;
  uint64_t len;
  if (!recent_range(c, &addr, &len)) return;
  call_begin(c, SC_VMAR_UNMAP);
  call_arg(c, "handle", root_handle, "zx_vmar_root_self");
  call_arg(c, "addr", addr, "part of a recent mapping");
  call_arg(c, "len", len, NULL);
  zx_status_t st = zx_vmar_unmap(root_handle, addr, len);
  call_end(c, st);
  if (st != ZX_OK || c->concurrent) return;
  uint8_t b;
  if (mem_probe_read(addr, &b) || mem_probe_read(addr + len - mem.page, &b)) {
    fail(c, "an unmapped range is still readable");
  }
}

void op_deep_protect(ctx_t* c) {
  uintptr_t addr;
  uint64_t len;
  if (!recent_range(c, &addr, &len)) return;
  static const uint32_t choices[] = {0, ZX_VM_PERM_READ, RW};
  uint32_t perms = choices[rng_below(&c->rng, 3)];
  call_begin(c, SC_VMAR_PROTECT);
  call_arg(c, "handle", root_handle, "zx_vmar_root_self");
  call_arg(c, "options", perms, NULL);
  call_arg(c, "addr", addr, "part of a recent mapping");
  call_arg(c, "len", len, NULL);
  zx_status_t st = zx_vmar_protect(root_handle, perms, addr, len);
  call_end(c, st);
  if (st != ZX_OK || c->concurrent) return;
  uint8_t b;
  if (!(perms & ZX_VM_PERM_READ) && mem_probe_read(addr, &b)) fail(c, "PROT 0 memory readable");
  if (!(perms & ZX_VM_PERM_WRITE) && mem_probe_write(addr, 1)) fail(c, "read-only memory written");
}

void op_deep_resize(ctx_t* c) {
  pick_t p = pick_live(c, ZX_OBJ_TYPE_VMO);
  if (p.cls != H_LIVE || !(p.rights & ZX_RIGHT_RESIZE)) return;
  uint64_t size = rng_below(&c->rng, 24 * mem.page);
  call_begin(c, SC_VMO_SET_SIZE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "size", size, NULL);
  zx_status_t st = zx_vmo_set_size(p.h, size);
  call_end(c, st);
  // A snapshot's offset in its original plus its new size may not overflow
  // (INVALID_ARGS, core-tests B9.3 NoAccumulatedOverflow): only originals
  // have no reason to refuse.
  zx_info_vmo_t info;
  if (!c->concurrent && (p.rights & ZX_RIGHT_WRITE) &&
      zx_object_get_info(p.h, ZX_INFO_VMO, &info, sizeof(info), NULL, NULL) == ZX_OK &&
      info.parent_koid == 0) {
    expect_status(c, st, ZX_OK, "a valid resize");
  }
}

// Arms the emulator's test switch: one of the next few allocating calls fails
// with NO_MEMORY. The window closes (and the switch is cleared) after a few
// steps, in main's loop.
void op_deep_inject(ctx_t* c) {
  if (c->concurrent) return;
  zxemu_fail_nth_allocation(1 + rng_below(&c->rng, 4));
  c->fault_armed = true;
}
