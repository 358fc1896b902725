// Copyright 2026 The zircon-ffm Authors.
//
// The concurrent phase: threads make the same hostile calls on the one pool
// for a bounded time, while the first thread also checks that every
// ZX_INFO_PROCESS_MAPS snapshot is a well-formed tree. Each handle is consumed
// by one thread only (consuming calls take it out of its slot first), so at
// the end every pooled value must still be valid and the emulator's handle
// counts must equal the pool's.

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hostile.h"

typedef struct {
  pthread_t tid;
  ctx_t ctx;
  double deadline;
} worker_t;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void* worker(void* arg) {
  worker_t* w = arg;
  ctx_t* c = &w->ctx;
  mem_init();
  current_ctx = c;
  while (now() < w->deadline) {
    for (int i = 0; i < 64; i++) {
      run_one(c);
      c->step++;
    }
    if (c->thread == 1) check_maps_structure(c);
  }
  return NULL;
}

// After the threads: slot metadata may be another handle's (two threads can
// fill one slot at once), so it is read afresh from the handles themselves.
static void refresh_pool(ctx_t* c) {
  for (int i = 0; i < POOL_SLOTS; i++) {
    zx_handle_t h = atomic_load(&pool[i].h);
    if (!h) continue;
    zx_info_handle_basic_t info;
    zx_status_t st = zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL);
    if (st != ZX_OK) {
      fail(c, "after the concurrent phase, pooled handle 0x%x is invalid (%s): a handle was "
              "closed twice or lost", h, status_name(st));
    }
    atomic_store(&pool[i].type, info.type);
    atomic_store(&pool[i].rights, info.rights);
    atomic_store(&pool[i].koid, info.koid);
    zx_info_vmar_t v = {0};
    if (info.type == ZX_OBJ_TYPE_VMAR) {
      (void)zx_object_get_info(h, ZX_INFO_VMAR, &v, sizeof(v), NULL, NULL);
    }
    atomic_store(&pool[i].base, v.base);
    atomic_store(&pool[i].size, v.len);
  }
}

void run_concurrent(uint64_t seed, int threads, double seconds, uint64_t* total_calls) {
  worker_t* w = calloc((size_t)threads, sizeof(*w));
  if (!w) abort();
  double deadline = now() + seconds;
  for (int t = 0; t < threads; t++) {
    w[t].ctx.rng.s = seed ^ (0xC0FFEEull * (uint64_t)(t + 1));
    w[t].ctx.concurrent = true;
    w[t].ctx.thread = t + 1;
    w[t].deadline = deadline;
    if (pthread_create(&w[t].tid, NULL, worker, &w[t]) != 0) {
      perror("hostile: pthread_create");
      exit(2);
    }
  }
  *total_calls = 0;
  for (int t = 0; t < threads; t++) {
    pthread_join(w[t].tid, NULL);
    *total_calls += w[t].ctx.calls;
  }
  ctx_t c = {.rng = {seed ^ 0xE7Dull}, .thread = 0};
  current_ctx = &c;
  refresh_pool(&c);
  check_handle_stats(&c);
  (void)deep_check(&c);
  free(w);
}
