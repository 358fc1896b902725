// Copyright 2026 The zircon-ffm Authors.
//
// Hostile calls of zx_object_get_info, zx_object_get_property and
// zx_object_set_property: every topic the emulator knows, older topic
// versions, unknown topics and properties, buffers of every size and kind.

#include <string.h>

#include "hostile.h"

static const uint32_t topics[] = {
    ZX_INFO_NONE,          ZX_INFO_HANDLE_VALID,        ZX_INFO_HANDLE_BASIC,
    ZX_INFO_VMAR,          ZX_INFO_PROCESS_MAPS_V1,     ZX_INFO_PROCESS_MAPS_V2,
    ZX_INFO_PROCESS_MAPS,  ZX_INFO_PROCESS_HANDLE_STATS, ZX_INFO_VMO_V1,
    ZX_INFO_VMO_V2,        ZX_INFO_VMO_V3,              ZX_INFO_VMO,
    ZX_INFO_VMAR_MAPS};

// What a topic needs of its handle, and the size of one record (0: none).
static void topic_needs(uint32_t topic, uint32_t* type, zx_rights_t* rights, size_t* record) {
  *type = 0;
  *rights = 0;
  *record = 0;
  switch (topic) {
    case ZX_INFO_HANDLE_VALID: break;
    case ZX_INFO_HANDLE_BASIC: *record = sizeof(zx_info_handle_basic_t); break;
    case ZX_INFO_VMAR:
      *type = ZX_OBJ_TYPE_VMAR;
      *rights = ZX_RIGHT_INSPECT;
      *record = sizeof(zx_info_vmar_t);
      break;
    case ZX_INFO_VMAR_MAPS:
      *type = ZX_OBJ_TYPE_VMAR;
      *rights = ZX_RIGHT_INSPECT;
      break;
    case ZX_INFO_PROCESS_MAPS:
      *type = ZX_OBJ_TYPE_PROCESS;
      *rights = ZX_RIGHT_INSPECT;
      break;
    case ZX_INFO_PROCESS_HANDLE_STATS:
      *type = ZX_OBJ_TYPE_PROCESS;
      *rights = ZX_RIGHT_INSPECT;
      *record = sizeof(zx_info_process_handle_stats_t);
      break;
    case ZX_INFO_VMO_V1:
    case ZX_INFO_VMO_V2:
    case ZX_INFO_VMO_V3:
    case ZX_INFO_VMO:
      *type = ZX_OBJ_TYPE_VMO;
      *record = 1;  // a prefix of zx_info_vmo_t, of a version-dependent size
      break;
    default: break;
  }
}

void op_get_info(ctx_t* c) {
  uint32_t topic = rng_pct(&c->rng, 85) ? topics[rng_below(&c->rng, sizeof(topics) / sizeof(topics[0]))]
                                        : (uint32_t)rng_next(&c->rng);
  uint32_t type;
  zx_rights_t rights;
  size_t record;
  topic_needs(topic, &type, &rights, &record);
  pick_t p = pick_any(c, type);
  uint64_t bsize;
  switch (rng_below(&c->rng, 6)) {
    case 0: bsize = 0; break;
    case 1: bsize = record ? (record == 1 ? sizeof(zx_info_vmo_t) : record) : 0; break;
    case 2: bsize = record > 1 ? record - 1 : 7; break;
    case 3: bsize = gen_len(c, 4096); break;
    default: bsize = mem.scratch_len; break;
  }
  buf_t b = gen_buf(c, &bsize, true);
  size_t actual_v = 0, avail_v = 0;
  buf_t oa = rng_pct(&c->rng, 40) ? (buf_t){NULL, B_VALID, "NULL (optional)"} : gen_out(c, &actual_v, sizeof(size_t));
  buf_t ov = rng_pct(&c->rng, 40) ? (buf_t){NULL, B_VALID, "NULL (optional)"} : gen_out(c, &avail_v, sizeof(size_t));
  if (!oa.p) oa.cls = B_VALID;  // actual and avail are optional
  if (!ov.p) ov.cls = B_VALID;
  call_begin(c, SC_OBJECT_GET_INFO);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "topic", topic, NULL);
  call_arg(c, "buffer", (uintptr_t)b.p, b.note);
  call_arg(c, "buffer_size", bsize, NULL);
  call_arg(c, "actual", (uintptr_t)oa.p, oa.note);
  call_arg(c, "avail", (uintptr_t)ov.p, ov.note);
  zx_status_t st = zx_object_get_info(p.h, topic, b.p, bsize, oa.p, ov.p);
  call_end(c, st);
  require_for_ok(c, st, &p, type, rights, "zx_object_get_info");
  if (st != ZX_OK) {
    // A live, matching handle with a fitting, valid buffer has no reason to fail.
    if (!c->concurrent && (p.cls == H_LIVE || p.cls == H_SELF || p.cls == H_ROOT) &&
        (!type || p.type == type) && (p.rights & rights) == rights && record > 1 &&
        buf_prefix_class(&b, record, true) == B_VALID && bsize >= record && oa.cls == B_VALID &&
        ov.cls == B_VALID) {
      expect_status(c, st, ZX_OK, "a valid single-record query");
    }
    return;
  }
  bool known = false;
  for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++) known |= topic == topics[i];
  if (!known || topic == ZX_INFO_NONE) fail(c, "unknown topic 0x%x succeeded", topic);
  // HANDLE_VALID writes nothing, not even actual and avail (object_get_info.md).
  if (topic != ZX_INFO_HANDLE_VALID && (oa.cls == B_INVALID || ov.cls == B_INVALID)) {
    fail(c, "succeeded with unusable actual/avail");
  }
  size_t rec = topic == ZX_INFO_VMO ? sizeof(zx_info_vmo_t) : record;
  if (record > 1 && bsize >= record && buf_prefix_class(&b, rec, true) == B_INVALID) {
    fail(c, "wrote a record to an unusable buffer");
  }
  if (c->concurrent) return;
  if (oa.p && ov.p && oa.cls == B_VALID && ov.cls == B_VALID && actual_v > avail_v) {
    fail(c, "actual %zu > avail %zu", actual_v, avail_v);
  }
  if (buf_prefix_class(&b, record, true) != B_VALID) return;
  if (topic == ZX_INFO_HANDLE_BASIC && bsize >= record) {
    zx_info_handle_basic_t info;
    memcpy(&info, b.p, sizeof(info));
    if (info.koid != p.koid || info.type != p.type || info.rights != p.rights) {
      fail(c, "HANDLE_BASIC says koid %llu type %u rights 0x%x; the handle was made as %llu/%u/0x%x",
           (unsigned long long)info.koid, info.type, info.rights, (unsigned long long)p.koid,
           p.type, p.rights);
    }
  }
  if (topic == ZX_INFO_PROCESS_HANDLE_STATS && bsize >= record) {
    zx_info_process_handle_stats_t stats;
    uint32_t want[ZX_OBJ_TYPE_UPPER_BOUND];
    memcpy(&stats, b.p, sizeof(stats));
    pool_counts(want);
    if (memcmp(stats.handle_count, want, sizeof(want)) != 0) {
      fail(c, "PROCESS_HANDLE_STATS (via a hostile call) disagrees with the harness's count");
    }
  }
}

void op_get_property(ctx_t* c) {
  static const uint32_t props[] = {ZX_PROP_NAME, ZX_PROP_VMO_CONTENT_SIZE, 0, 1, 2, 16, 18};
  uint32_t prop = rng_pct(&c->rng, 85) ? props[rng_below(&c->rng, 7)] : (uint32_t)rng_next(&c->rng);
  pick_t p = pick_any(c, prop == ZX_PROP_VMO_CONTENT_SIZE ? ZX_OBJ_TYPE_VMO : 0);
  static const uint64_t sizes[] = {0, 1, 7, 8, 31, 32, 33, 4096};
  uint64_t vsize = rng_pct(&c->rng, 85) ? sizes[rng_below(&c->rng, 8)] : gen_len(c, 32);
  buf_t b = gen_buf(c, &vsize, true);
  call_begin(c, SC_OBJECT_GET_PROPERTY);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "property", prop, NULL);
  call_arg(c, "value", (uintptr_t)b.p, b.note);
  call_arg(c, "value_size", vsize, NULL);
  zx_status_t st = zx_object_get_property(p.h, prop, b.p, vsize);
  call_end(c, st);
  require_for_ok(c, st, &p, prop == ZX_PROP_VMO_CONTENT_SIZE ? ZX_OBJ_TYPE_VMO : 0,
                 ZX_RIGHT_GET_PROPERTY, "zx_object_get_property");
  if (st != ZX_OK) return;
  if (prop != ZX_PROP_NAME && prop != ZX_PROP_VMO_CONTENT_SIZE) fail(c, "unknown property succeeded");
  size_t need = prop == ZX_PROP_NAME ? ZX_MAX_NAME_LEN : sizeof(uint64_t);
  if (vsize < need) fail(c, "a value_size below the property's size succeeded");
  if (buf_prefix_class(&b, need, true) == B_INVALID) {
    fail(c, "wrote the property to an unusable buffer (%s)", b.note);
  }
  if (prop == ZX_PROP_NAME && buf_prefix_class(&b, need, true) == B_VALID && !c->concurrent &&
      memchr(b.p, '\0', ZX_MAX_NAME_LEN) == NULL) {
    fail(c, "the name returned is not NUL-terminated within ZX_MAX_NAME_LEN");
  }
}

void op_set_property(ctx_t* c) {
  bool name = rng_pct(&c->rng, 50);
  uint32_t prop = rng_pct(&c->rng, 90) ? (name ? ZX_PROP_NAME : ZX_PROP_VMO_CONTENT_SIZE)
                                       : (uint32_t)rng_below(&c->rng, 40);
  pick_t p = pick_any(c, prop == ZX_PROP_VMO_CONTENT_SIZE ? ZX_OBJ_TYPE_VMO : 0);
  uint64_t vsize;
  if (prop == ZX_PROP_NAME) {
    vsize = rng_pct(&c->rng, 85) ? rng_below(&c->rng, 40) : gen_len(c, 32);
    for (size_t i = 0; i < 40; i++) mem.scratch[i] = (char)('a' + rng_below(&c->rng, 26));
    if (rng_pct(&c->rng, 30)) mem.scratch[rng_below(&c->rng, 40)] = '\0';
  } else {
    uint64_t size = 16 * mem.page;
    if (!c->concurrent) (void)zx_vmo_get_size(p.h, &size);
    uint64_t v = gen_len(c, size);
    memcpy(mem.scratch, &v, sizeof(v));
    vsize = rng_pct(&c->rng, 85) ? sizeof(uint64_t) : rng_below(&c->rng, 17);
  }
  buf_t b = rng_pct(&c->rng, 80) ? (buf_t){mem.scratch, B_VALID, "scratch"} : gen_buf(c, &vsize, false);
  char expect[ZX_MAX_NAME_LEN] = {0};
  if (b.cls == B_VALID && b.p == mem.scratch && vsize) {
    size_t n = vsize < ZX_MAX_NAME_LEN - 1 ? (size_t)vsize : ZX_MAX_NAME_LEN - 1;
    memcpy(expect, mem.scratch, n);
  }
  uint64_t content = 0;
  memcpy(&content, mem.scratch, sizeof(content));
  call_begin(c, SC_OBJECT_SET_PROPERTY);
  call_arg(c, "handle", p.h, hclass_note(&p));
  call_arg(c, "(its rights)", p.rights, NULL);
  call_arg(c, "property", prop, NULL);
  call_arg(c, "value", (uintptr_t)b.p, b.note);
  call_arg(c, "value_size", vsize, NULL);
  zx_status_t st = zx_object_set_property(p.h, prop, b.p, vsize);
  call_end(c, st);
  require_for_ok(c, st, &p, prop == ZX_PROP_VMO_CONTENT_SIZE ? ZX_OBJ_TYPE_VMO : 0,
                 ZX_RIGHT_SET_PROPERTY | (prop == ZX_PROP_VMO_CONTENT_SIZE ? ZX_RIGHT_WRITE : 0),
                 "zx_object_set_property");
  if (st != ZX_OK) return;
  if (prop != ZX_PROP_NAME && prop != ZX_PROP_VMO_CONTENT_SIZE) fail(c, "unknown property succeeded");
  if (c->concurrent || b.cls != B_VALID || b.p != mem.scratch) return;
  if (prop == ZX_PROP_NAME && (p.rights & ZX_RIGHT_GET_PROPERTY)) {
    char got[ZX_MAX_NAME_LEN];
    if (zx_object_get_property(p.h, ZX_PROP_NAME, got, sizeof(got)) == ZX_OK &&
        strncmp(got, expect, sizeof(got)) != 0) {
      fail(c, "the name set does not read back (got \"%.32s\", set \"%.32s\")", got, expect);
    }
  }
  if (prop == ZX_PROP_VMO_CONTENT_SIZE && vsize >= sizeof(uint64_t) &&
      (p.rights & ZX_RIGHT_GET_PROPERTY)) {
    uint64_t got = 0;
    if (zx_object_get_property(p.h, ZX_PROP_VMO_CONTENT_SIZE, &got, sizeof(got)) == ZX_OK &&
        got != content) {
      fail(c, "content size set to 0x%llx reads back as 0x%llx", (unsigned long long)content,
           (unsigned long long)got);
    }
  }
}
