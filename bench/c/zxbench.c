// Copyright 2026 The zircon-ffm Authors.
//
// C baselines for scripts/bench.sh: the loops the JMH benchmarks time, written
// in C against the same libzircon.so, plus raw Linux mmap/munmap and
// memset/memcpy. For each measure it prints one line
//
//   <name> <ns per op, round 1> <round 2> ...
//
// and the runner takes the median of the rounds. Every loop is bounded: a
// round runs a fixed number of operations, calibrated once to last about the
// round time. Usage: zxbench [--quick]

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>

#define PAGE 4096u
#define BULK_SIZE ((size_t)64 << 20)
#define IO_SIZE ((size_t)1 << 20)
#define LIVE_MANY 30000
#define LIVE_FEW 10

static int rounds = 4;
static double round_seconds = 0.2;

// Keeps the compiler from dropping or merging stores to memory it cannot see used.
#define CLOBBER() __asm__ volatile("" ::: "memory")

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char* what, long status) {
  fprintf(stderr, "zxbench: %s failed (%ld)\n", what, status);
  exit(2);
}

static void check(zx_status_t st, const char* what) {
  if (st != ZX_OK) die(what, st);
}

// One measure: op(ctx) runs one operation.
typedef void (*op_fn)(void* ctx);

// Warms up, calibrates the operations per round, then prints the ns/op of each round.
static void measure(const char* name, op_fn op, void* ctx) {
  long n = 1;
  double spent;
  // Warm-up and calibration together: double until one batch takes 1/10 of a round.
  for (;;) {
    double t0 = now();
    for (long i = 0; i < n; i++) op(ctx);
    spent = now() - t0;
    if (spent >= round_seconds / 10 || n >= (1L << 40)) break;
    n *= 2;
  }
  long per_round = (long)(n * (round_seconds / (spent > 0 ? spent : 1e-9)));
  if (per_round < 1) per_round = 1;
  for (long i = 0; i < per_round / 2; i++) op(ctx);  // more warm-up: caches, TLB, page tables
  printf("%s", name);
  for (int r = 0; r < rounds; r++) {
    double t0 = now();
    for (long i = 0; i < per_round; i++) op(ctx);
    double t = now() - t0;
    printf(" %.3f", t / (double)per_round * 1e9);
  }
  printf("\n");
  fflush(stdout);
}

// ---- map + unmap of one page ----

typedef struct {
  zx_handle_t vmar;
  zx_handle_t vmo;
  uint32_t options;
} map_ctx_t;

static void op_map_unmap(void* p) {
  map_ctx_t* c = p;
  zx_vaddr_t addr;
  check(zx_vmar_map(c->vmar, c->options, 0, c->vmo, 0, PAGE, &addr), "zx_vmar_map");
  check(zx_vmar_unmap(c->vmar, addr, PAGE), "zx_vmar_unmap");
}

typedef struct {
  int fd;
} mmap_ctx_t;

static void op_mmap_munmap(void* p) {
  mmap_ctx_t* c = p;
  void* a = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);
  if (a == MAP_FAILED) die("mmap", 0);
  if (munmap(a, PAGE) != 0) die("munmap", 0);
}

// ---- a cheap call ----

static void op_get_size(void* p) {
  uint64_t size;
  check(zx_vmo_get_size(*(zx_handle_t*)p, &size), "zx_vmo_get_size");
  CLOBBER();
}

// ---- bulk memory through mappings ----

typedef struct {
  unsigned char* dst;
  unsigned char* src;
  unsigned value;
} bulk_ctx_t;

static void op_memset(void* p) {
  bulk_ctx_t* c = p;
  memset(c->dst, (int)(c->value++ & 0xff), BULK_SIZE);
  CLOBBER();
}

static void op_memcpy(void* p) {
  bulk_ctx_t* c = p;
  memcpy(c->dst, c->src, BULK_SIZE);
  CLOBBER();
}

// ---- VMO read/write of a 1 MiB buffer ----

typedef struct {
  zx_handle_t vmo;
  void* buf;
} io_ctx_t;

static void op_vmo_write(void* p) {
  io_ctx_t* c = p;
  check(zx_vmo_write(c->vmo, c->buf, 0, IO_SIZE), "zx_vmo_write");
}

static void op_vmo_read(void* p) {
  io_ctx_t* c = p;
  check(zx_vmo_read(c->vmo, c->buf, 0, IO_SIZE), "zx_vmo_read");
  CLOBBER();
}

static zx_handle_t new_vmo(uint64_t size) {
  zx_handle_t h;
  check(zx_vmo_create(size, 0, &h), "zx_vmo_create");
  return h;
}

static unsigned char* map_whole(zx_handle_t vmo, size_t size) {
  zx_vaddr_t addr;
  check(zx_vmar_map(zx_vmar_root_self(), ZX_VM_PERM_READ | ZX_VM_PERM_WRITE, 0, vmo, 0, size, &addr),
        "zx_vmar_map");
  memset((void*)addr, 1, size);  // fault every page in before timing
  return (unsigned char*)addr;
}

// map + unmap of one page in a compact child VMAR that already holds `live` mappings.
static void live_mappings(const char* name, zx_handle_t vmo, int live) {
  zx_handle_t child;
  zx_vaddr_t child_addr;
  check(zx_vmar_allocate(zx_vmar_root_self(),
                         ZX_VM_CAN_MAP_READ | ZX_VM_CAN_MAP_WRITE | ZX_VM_COMPACT, 0,
                         (size_t)(live + 64) * PAGE, &child, &child_addr),
        "zx_vmar_allocate");
  uint32_t rw = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE;
  for (int i = 0; i < live; i++) {
    zx_vaddr_t a;
    check(zx_vmar_map(child, rw, 0, vmo, 0, PAGE, &a), "zx_vmar_map (live)");
  }
  map_ctx_t c = {.vmar = child, .vmo = vmo, .options = rw};
  measure(name, op_map_unmap, &c);
  check(zx_vmar_destroy(child), "zx_vmar_destroy");
  check(zx_handle_close(child), "zx_handle_close");
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "--quick") == 0) {
    rounds = 5;
    round_seconds = 0.1;
  } else if (argc > 1) {
    fprintf(stderr, "usage: zxbench [--quick]\n");
    return 2;
  }
  zx_handle_t root = zx_vmar_root_self();

  // The page every map benchmark maps, as the JMH benchmarks do.
  zx_handle_t page_vmo = new_vmo(PAGE);
  map_ctx_t map = {.vmar = root, .vmo = page_vmo, .options = ZX_VM_PERM_READ | ZX_VM_PERM_WRITE};
  measure("c.map_unmap", op_map_unmap, &map);

  mmap_ctx_t raw = {.fd = memfd_create("zxbench", MFD_CLOEXEC)};
  if (raw.fd < 0 || ftruncate(raw.fd, PAGE) != 0) die("memfd", 0);
  measure("c.mmap_munmap", op_mmap_munmap, &raw);

  measure("c.get_size", op_get_size, &page_vmo);

  zx_handle_t io_vmo = new_vmo(IO_SIZE);
  io_ctx_t io = {.vmo = io_vmo, .buf = malloc(IO_SIZE)};
  if (!io.buf) die("malloc", 0);
  memset(io.buf, 7, IO_SIZE);
  measure("c.vmo_write_1m", op_vmo_write, &io);
  measure("c.vmo_read_1m", op_vmo_read, &io);

  bulk_ctx_t bulk = {.dst = map_whole(new_vmo(BULK_SIZE), BULK_SIZE),
                     .src = map_whole(new_vmo(BULK_SIZE), BULK_SIZE)};
  measure("c.memset_64m", op_memset, &bulk);
  measure("c.memcpy_64m", op_memcpy, &bulk);
  check(zx_vmar_unmap(root, (zx_vaddr_t)bulk.dst, BULK_SIZE), "zx_vmar_unmap");
  check(zx_vmar_unmap(root, (zx_vaddr_t)bulk.src, BULK_SIZE), "zx_vmar_unmap");

  live_mappings("c.live_10", page_vmo, LIVE_FEW);
  live_mappings("c.live_30000", page_vmo, LIVE_MANY);
  return 0;
}
