// Copyright 2026 The zircon-ffm Authors.
//
// Hostile calls of the handle syscalls and of the three value-returning
// ones. Where the documentation leaves exactly one answer for the arguments
// given (a stale value closed: BAD_HANDLE; a handle consumed even on failure),
// the answer is checked exactly.

#include <string.h>
#include <unistd.h>

#include "hostile.h"

void op_page_size(ctx_t* c) {
  call_begin(c, SC_SYSTEM_GET_PAGE_SIZE);
  uint32_t p = zx_system_get_page_size();
  c->cur.status = ZX_OK;
  c->calls++;
  if (p != (uint32_t)sysconf(_SC_PAGESIZE)) fail(c, "page size %u, host says %ld", p, sysconf(_SC_PAGESIZE));
}

void op_self_handles(ctx_t* c) {
  call_begin(c, SC_PROCESS_SELF);
  zx_handle_t s = zx_process_self();
  call_begin(c, SC_VMAR_ROOT_SELF);
  zx_handle_t r = zx_vmar_root_self();
  c->calls += 2;
  if (s != self_handle || r != root_handle) {
    fail(c, "zx_process_self/zx_vmar_root_self changed: 0x%x/0x%x, were 0x%x/0x%x", s, r,
         self_handle, root_handle);
  }
}

void op_close(ctx_t* c) {
  pick_t p = pick_any(c, 0);
  zx_handle_t h = pick_consume(c, &p);
  call_begin(c, SC_HANDLE_CLOSE);
  call_arg(c, "handle", h, hclass_note(&p));
  zx_status_t st = zx_handle_close(h);
  call_end(c, st);
  switch (p.cls) {
    case H_LIVE:
      expect_status(c, st, ZX_OK, "closing a live handle");
      note_dead(h);
      expect_dead(c, h, "it was closed");
      break;
    case H_INVALID:
      expect_status(c, st, ZX_OK, "closing ZX_HANDLE_INVALID is not an error");
      break;
    default:
      expect_status(c, st, ZX_ERR_BAD_HANDLE, "the value names no handle");
  }
}

void op_close_many(ctx_t* c) {
  enum { MAX = 16 };
  zx_handle_t arr[MAX];
  zx_handle_t owned[MAX];
  int n = (int)rng_below(&c->rng, MAX + 1), num_owned = 0;
  bool bad = false;  // a stale, garbage or repeated value is in the array
  for (int i = 0; i < n; i++) {
    unsigned r = (unsigned)rng_below(&c->rng, 100);
    if (r < 40) {
      pick_t p = pick_live(c, 0);
      zx_handle_t h = p.cls == H_LIVE ? pool_take(c, p.slot) : 0;
      if (h) {
        arr[i] = owned[num_owned++] = h;
        continue;
      }
      r = 40;
    }
    if (r < 55) {
      arr[i] = ZX_HANDLE_INVALID;
    } else if (r < 85 || i == 0) {
      pick_t p = pick_any(c, 0);
      if (p.cls != H_DEAD && p.cls != H_GARBAGE) {
        arr[i] = ZX_HANDLE_INVALID;
      } else {
        arr[i] = p.h;
        bad = true;
      }
    } else {
      arr[i] = arr[rng_below(&c->rng, (uint64_t)i)];  // the same value twice
      bad |= arr[i] != ZX_HANDLE_INVALID;
    }
  }
  // The array sits in scratch memory, at its start or against its guard page.
  bool at_end = rng_pct(&c->rng, 30);
  zx_handle_t* where = (zx_handle_t*)(at_end ? mem.scratch + mem.scratch_len - n * sizeof(zx_handle_t)
                                             : mem.scratch);
  memcpy(where, arr, n * sizeof(zx_handle_t));
  size_t num = (size_t)n;
  const char* note = "harness array";
  bool readable = true;
  unsigned r = (unsigned)rng_below(&c->rng, 100);
  if (r < 8 && at_end) {
    num = n + 1 + rng_below(&c->rng, 200);  // runs into the guard page
    readable = false;
    note = "array, count runs past its end";
  } else if (r < 12) {
    where = (zx_handle_t*)(uintptr_t)(rng_pct(&c->rng, 50) ? 0 : 0xffff800000000000ull);
    num = rng_pct(&c->rng, 50) ? num : (size_t)rng_next(&c->rng);
    readable = num == 0;
    note = "unusable pointer";
  }
  call_begin(c, SC_HANDLE_CLOSE_MANY);
  call_arg(c, "handles", (uintptr_t)where, note);
  call_arg(c, "num_handles", num, NULL);
  for (int i = 0; i < n && c->cur.n < MAX_ARGS; i++) call_arg(c, "[i]", arr[i], NULL);
  zx_status_t st = zx_handle_close_many(where, num);
  call_end(c, st);
  // Reconcile: the harness owned these handles; each is now closed or not.
  for (int i = 0; i < num_owned; i++) {
    zx_status_t v = zx_object_get_info(owned[i], ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL);
    if (v == ZX_OK) {
      if (readable) fail(c, "handle 0x%x survived zx_handle_close_many", owned[i]);
      pool_put(c, owned[i]);
    } else {
      note_dead(owned[i]);
    }
  }
  if (!readable) {
    expect_not_ok(c, st, "the array could not be read");
  } else if (bad) {
    expect_status(c, st, ZX_ERR_BAD_HANDLE, "a value in the array names no handle or repeats");
  } else {
    expect_status(c, st, ZX_OK, "every value was a live handle or ZX_HANDLE_INVALID");
  }
}

static zx_rights_t expected_rights(zx_rights_t asked, zx_rights_t had) {
  return asked == ZX_RIGHT_SAME_RIGHTS ? had : asked;
}

static void check_new_rights(ctx_t* c, zx_handle_t h, zx_rights_t want) {
  zx_info_handle_basic_t info = {0};
  if (zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL) != ZX_OK ||
      info.rights != want) {
    fail(c, "new handle has rights 0x%x, expected 0x%x", info.rights, want);
  }
}

void op_duplicate(ctx_t* c) {
  pick_t p = pick_any(c, 0);
  zx_rights_t r = gen_rights(c, p.rights);
  zx_handle_t out_v = 0;
  buf_t o = gen_out(c, &out_v, sizeof(out_v));
  call_begin(c, SC_HANDLE_DUPLICATE);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "rights", r, NULL);
  call_arg(c, "out", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_handle_duplicate(p.h, r, o.p);
  call_end(c, st);
  require_for_ok(c, st, &p, 0, ZX_RIGHT_DUPLICATE, "zx_handle_duplicate");
  if (st == ZX_OK) {
    zx_handle_t h = read_out_handle(c, &o);
    if (!c->concurrent && r != ZX_RIGHT_SAME_RIGHTS && (r & ~p.rights)) {
      fail(c, "duplicate widened rights 0x%x to 0x%x", p.rights, r);
    }
    if (!c->concurrent) check_new_rights(c, h, expected_rights(r, p.rights));
    pool_put(c, h);
  }
  if (c->concurrent) return;
  if (p.cls != H_LIVE && p.cls != H_SELF && p.cls != H_ROOT) {
    expect_status(c, st, ZX_ERR_BAD_HANDLE, "the value names no handle");
  } else if (!(p.rights & ZX_RIGHT_DUPLICATE)) {
    expect_status(c, st, ZX_ERR_ACCESS_DENIED, "the handle lacks ZX_RIGHT_DUPLICATE");
  } else if (r != ZX_RIGHT_SAME_RIGHTS && (r & ~p.rights)) {
    expect_status(c, st, ZX_ERR_INVALID_ARGS, "the rights asked are not a subset");
  } else if (o.cls == B_VALID) {
    expect_status(c, st, ZX_OK, "a valid duplicate request");
  }
}

void op_replace(ctx_t* c) {
  pick_t p = pick_any(c, 0);
  zx_handle_t h = pick_consume(c, &p);
  zx_rights_t r = gen_rights(c, p.rights);
  zx_handle_t out_v = 0;
  buf_t o = gen_out(c, &out_v, sizeof(out_v));
  call_begin(c, SC_HANDLE_REPLACE);
  call_arg(c, "handle", h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "rights", r, NULL);
  call_arg(c, "out", (uintptr_t)o.p, o.note);
  zx_status_t st = zx_handle_replace(h, r, o.p);
  call_end(c, st);
  require_for_ok(c, st, &p, 0, 0, "zx_handle_replace");
  if (p.cls == H_LIVE) {
    note_dead(h);
    expect_dead(c, h, "zx_handle_replace always invalidates its handle");
  }
  if (st == ZX_OK) {
    zx_handle_t n = read_out_handle(c, &o);
    if (r != ZX_RIGHT_SAME_RIGHTS && (r & ~p.rights)) {
      fail(c, "replace widened rights 0x%x to 0x%x", p.rights, r);
    }
    check_new_rights(c, n, expected_rights(r, p.rights));  // before another thread may close it
    pool_put(c, n);
  }
  if (p.cls != H_LIVE) {
    expect_status(c, st, ZX_ERR_BAD_HANDLE, "the value names no handle");
  } else if (r != ZX_RIGHT_SAME_RIGHTS && (r & ~p.rights)) {
    expect_status(c, st, ZX_ERR_INVALID_ARGS, "the rights asked are not a subset");
  } else if (o.cls == B_VALID) {
    expect_status(c, st, ZX_OK, "a valid replace request");
  }
}
