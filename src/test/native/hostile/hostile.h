// Copyright 2026 The zircon-ffm Authors.
//
// The hostile-input harness of the host emulator (issue 6, point 4): seeded
// random calls of every exported syscall with live, reduced-rights, stale and
// garbage handles, adversarial options, offsets, lengths and buffers, each
// status checked against what Fuchsia documents and the emulator's tables
// checked after every step. See docs/reliability/hostile-input.md.

#ifndef ZXEMU_HOSTILE_H_
#define ZXEMU_HOSTILE_H_

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>

// ======= Random numbers =======
// splitmix64: tiny, fast, and every seed gives a full-period stream.
typedef struct {
  uint64_t s;
} rng_t;

static inline uint64_t rng_next(rng_t* r) {
  uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static inline uint64_t rng_below(rng_t* r, uint64_t n) { return n ? rng_next(r) % n : 0; }
static inline bool rng_pct(rng_t* r, unsigned pct) { return rng_below(r, 100) < pct; }

// The run's seed: --seed N, else $HOSTILE_SEED, else random. Computed once,
// first by the emulator's own load (see placement.c), so both agree.
uint64_t hostile_seed(void);

// ======= Syscalls and the statuses Fuchsia documents for them (statuses.c) =======
enum sc {
  SC_SYSTEM_GET_PAGE_SIZE,
  SC_PROCESS_SELF,
  SC_VMAR_ROOT_SELF,
  SC_HANDLE_CLOSE,
  SC_HANDLE_CLOSE_MANY,
  SC_HANDLE_DUPLICATE,
  SC_HANDLE_REPLACE,
  SC_OBJECT_GET_INFO,
  SC_OBJECT_GET_PROPERTY,
  SC_OBJECT_SET_PROPERTY,
  SC_VMO_CREATE,
  SC_VMO_READ,
  SC_VMO_WRITE,
  SC_VMO_GET_SIZE,
  SC_VMO_SET_SIZE,
  SC_VMO_OP_RANGE,
  SC_VMO_CREATE_CHILD,
  SC_VMO_SET_CACHE_POLICY,
  SC_VMO_REPLACE_AS_EXECUTABLE,
  SC_VMAR_ALLOCATE,
  SC_VMAR_DESTROY,
  SC_VMAR_MAP,
  SC_VMAR_UNMAP,
  SC_VMAR_PROTECT,
  SC_VMAR_OP_RANGE,
  SC_COUNT
};

const char* sc_name(enum sc sc);
const char* status_name(zx_status_t st);
bool status_documented(enum sc sc, zx_status_t st);
// Writes the documented statuses of sc, comma separated.
void documented_list(enum sc sc, char* out, size_t n);

// ======= The call being made, and a trace of the last ones (report.c) =======
#define MAX_ARGS 12
#define TRACE_LEN 24

typedef struct {
  enum sc sc;
  int n;
  const char* name[MAX_ARGS];
  uint64_t val[MAX_ARGS];
  const char* note[MAX_ARGS];  // what the value is: "live VMO", "stale", "NULL", ...
  zx_status_t status;
  uint64_t step;
} call_t;

typedef struct {
  rng_t rng;
  bool concurrent;  // other threads use the same pool: no quiescent-state checks
  int thread;
  uint64_t step;
  call_t cur;
  call_t trace[TRACE_LEN];
  unsigned trace_len;
  // While an injected allocation failure may still fire, NO_MEMORY is allowed
  // from any call (Fuchsia may run out of memory anywhere).
  bool fault_armed;
  uint64_t calls;      // syscalls made by this context
  uint64_t by_status[64];
  uint64_t by_call_status[SC_COUNT][64];
} ctx_t;

void call_begin(ctx_t* c, enum sc sc);
void call_arg(ctx_t* c, const char* name, uint64_t val, const char* note);
// Records the status and fails the run if the syscall does not document it.
void call_end(ctx_t* c, zx_status_t st);
// Prints the seed, the step, the call and its arguments, the recent trace and
// the reason, then exits 1. Thread-safe.
_Noreturn void fail(ctx_t* c, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
// The run's options that a replay needs besides --seed and --ops (set by main).
extern uint64_t replay_check_every;
// For crash handlers: the context of the calling thread, if any.
extern _Thread_local ctx_t* current_ctx;
void install_crash_handlers(void);
// Prints how many of the (syscall, documented status) pairs the run produced,
// and which it never did.
void print_coverage(const ctx_t* c);

// ======= Memory the harness offers as buffers (mem.c) =======
typedef struct {
  char* scratch;  // RW, followed by a PROT_NONE guard page
  size_t scratch_len;
  char* ro;       // one read-only page, followed by a PROT_NONE page
  char* none;     // a PROT_NONE page
  size_t page;
  uintptr_t root_base, root_end;
} mem_t;
extern _Thread_local mem_t mem;  // each thread has its own buffers
void mem_init(void);

// Probes one byte through the kernel (never faults the harness).
bool mem_probe_read(uintptr_t addr, uint8_t* out);
bool mem_probe_write(uintptr_t addr, uint8_t v);
// Reads len bytes of any address through the kernel; false if not all readable.
bool mem_read(uintptr_t addr, void* out, size_t len);

// ======= The handle pool (pool.c) =======
#define POOL_SLOTS 40

typedef struct {
  _Atomic zx_handle_t h;  // 0: empty
  _Atomic uint32_t type;
  _Atomic uint32_t rights;
  _Atomic uint64_t koid;
  _Atomic uint64_t base, size;  // VMARs
} slot_t;
extern slot_t pool[POOL_SLOTS];

typedef enum { H_LIVE, H_SELF, H_ROOT, H_DEAD, H_GARBAGE, H_INVALID } hclass_t;

typedef struct {
  zx_handle_t h;
  hclass_t cls;
  int slot;  // H_LIVE only
  uint32_t type;
  zx_rights_t rights;
  zx_koid_t koid;
  uint64_t base, size;
} pick_t;

extern zx_handle_t self_handle, root_handle;
extern zx_info_handle_basic_t self_info, root_info;

void pool_init(void);
const char* hclass_note(const pick_t* p);
// Any handle: mostly live ones (of want_type when it is not 0), sometimes the
// process or root VMAR, a stale value, garbage or ZX_HANDLE_INVALID.
pick_t pick_any(ctx_t* c, uint32_t want_type);
// A live pool handle of want_type (any type if 0), else the root VMAR for
// VMARs, else cls == H_INVALID.
pick_t pick_live(ctx_t* c, uint32_t want_type);
// Removes a pool handle for a call that consumes it; 0 if another thread took it.
zx_handle_t pool_take(ctx_t* c, int slot);
// Readies a pick for a call that consumes its handle: takes it out of the
// pool, and never offers the runtime's own handles. Returns the value to pass.
zx_handle_t pick_consume(ctx_t* c, pick_t* p);
// Adds a handle a call just returned (checking it is valid and new); may
// evict and close another.
void pool_put(ctx_t* c, zx_handle_t h);
// Records a value that no longer names a handle.
void note_dead(zx_handle_t h);
bool dead_sample(ctx_t* c, zx_handle_t* out);
// Single-thread mode: whether h is a handle the harness holds.
bool known_live(zx_handle_t h);
// Live handles by type, as the harness counts them (pool + process + root).
void pool_counts(uint32_t counts[ZX_OBJ_TYPE_UPPER_BOUND]);
void pool_close_all(ctx_t* c);
// Closes about half the pool (bounds memory held through handles).
void pool_trim(ctx_t* c);

// ======= Argument generators (args.c) =======
uint64_t gen_len(ctx_t* c, uint64_t ref);     // lengths and sizes around ref
uint64_t gen_offset(ctx_t* c, uint64_t ref);  // offsets around ref
uint64_t gen_small_size(ctx_t* c);            // VMO / VMAR sizes that stay cheap
zx_rights_t gen_rights(ctx_t* c, zx_rights_t have);
uint32_t gen_options(ctx_t* c, uint32_t documented, bool with_align);
uint32_t gen_align_field(ctx_t* c);

typedef enum { B_VALID, B_INVALID, B_MAYBE } bclass_t;
typedef struct {
  void* p;
  bclass_t cls;
  const char* note;
} buf_t;
// A buffer for a call that reads (out == false) or writes (out == true) *len
// bytes there. Buffers inside emulated mappings get *len clamped so that no
// call allocates much host memory.
buf_t gen_buf(ctx_t* c, uint64_t* len, bool out);
// The class of the first n bytes of a buffer gen_buf made (a call that
// writes fewer bytes than it was offered may still succeed).
bclass_t buf_prefix_class(const buf_t* b, uint64_t n, bool out);
// An out-parameter of size bytes: mostly `valid` (harness memory), else bad.
buf_t gen_out(ctx_t* c, void* valid, size_t size);
// An address in or around a VMAR (or anywhere).
uintptr_t gen_addr(ctx_t* c, const pick_t* vmar);

// Mappings recently made, for addresses worth hitting.
void recent_map_add(uintptr_t base, size_t len);
bool recent_map_sample(ctx_t* c, uintptr_t* base, size_t* len);
void recent_maps_clear(void);

// ======= Operations (ops_*.c) =======
typedef void (*op_fn)(ctx_t* c);
typedef struct {
  const char* name;
  op_fn fn;
  unsigned weight;
  bool concurrent_ok;
} op_t;
extern const op_t ops[];
extern const size_t num_ops;
// Runs one random operation.
void run_one(ctx_t* c);

// Checks shared by the ops: on ZX_OK the handle must have been live, of type
// (unless 0) and with all of rights.
void require_for_ok(ctx_t* c, zx_status_t st, const pick_t* p, uint32_t type, zx_rights_t rights,
                    const char* what);
// A value that was a handle must no longer be one.
void expect_dead(ctx_t* c, zx_handle_t h, const char* why);
// Fails unless st is want (used where the docs leave one answer).
void expect_status(ctx_t* c, zx_status_t st, zx_status_t want, const char* why);
// Fails if st is ZX_OK (used where the arguments forbid success).
void expect_not_ok(ctx_t* c, zx_status_t st, const char* why);
// Fetches a handle that a call wrote to an out-parameter; fails the run if a
// call that succeeded did not write one there.
zx_handle_t read_out_handle(ctx_t* c, const buf_t* out);
// Whether a live VMO's cache policy lets zx_vmo_read/write through.
bool vmo_cached(zx_handle_t vmo);
// Whether a VMO has a page at vmo_offset (below its size); *known is false
// when its size cannot be read.
bool vmo_page_backed(zx_handle_t vmo, uint64_t vmo_offset, bool* known);

// ======= Invariants (invariants.c) =======
// Handle stats equal the harness's own count (single-thread mode).
void check_handle_stats(ctx_t* c);
// Handles, address-space tree, mapping counts and host memory against the
// tables. Returns the number of mappings listed.
size_t deep_check(ctx_t* c);
// The address-space tree alone: safe while other threads change it (each
// ZX_INFO_PROCESS_MAPS is one atomic snapshot).
void check_maps_structure(ctx_t* c);
// Unmaps the whole root VMAR (destroying every sub-VMAR) and checks the
// address space is empty afterwards.
void reset_address_space(ctx_t* c);
// Sum of populated bytes of the pool's VMOs.
uint64_t pool_populated_bytes(ctx_t* c);

// ======= Host limits (exhaust.c) =======
// Fills the handle table, runs out of file descriptors and of
// vm.max_map_count, checking statuses, tables and leaks.
void run_exhaustion(ctx_t* c);

// ======= Concurrency (threads.c) and regressions (regressions.c) =======
void run_concurrent(uint64_t seed, int threads, double seconds, uint64_t* total_calls);
// Minimal reproductions of bugs this harness found; returns failures.
int run_regressions(void);

#endif  // ZXEMU_HOSTILE_H_
