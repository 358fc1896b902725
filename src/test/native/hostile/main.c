// Copyright 2026 The zircon-ffm Authors.
//
//   hostile [--seed N|random] [--ops M] [--threads T] [--seconds S]
//           [--check-every K] [--timeout S] [--quiet]
//
// Runs the regression cases, then M seeded hostile steps on one thread
// (checking the handle counts after each step and everything else every K
// steps), then T threads for S seconds on the same pool, then tears down and
// checks that nothing is left. Exits 0 when every check held; on a violation
// prints the seed, step, call and arguments and exits 1. --seed defaults to
// $HOSTILE_SEED, else a random seed, printed.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <time.h>
#include <unistd.h>

#include "hostile.h"
#include "zxemu/testing.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void usage(int code) {
  fprintf(stderr,
          "usage: hostile [--seed N|random] [--ops M] [--threads T] [--seconds S]\n"
          "               [--check-every K] [--timeout S] [--quiet]\n");
  exit(code);
}

// Bounds on what a run may accumulate: past them the address space is reset
// and the pool trimmed (both are hostile-free, checked operations).
#define MAX_MAPPINGS 256
#define MAX_POPULATED (256ull << 20)
#define RESET_EVERY 250000
#define FAULT_WINDOW 6

// Where the host puts the root VMAR (and so which addresses an ALIGN_* request
// can get) varies with address-space randomization: the run re-executes
// itself once without it, so that a seed replays exactly. Where the host
// forbids that (some sandboxes), the run goes on randomized.
static void without_aslr(char** argv) {
  int current = personality(0xffffffff);
  if (current == -1 || (current & ADDR_NO_RANDOMIZE) || getenv("HOSTILE_KEEP_ASLR")) return;
  if (personality((unsigned long)current | ADDR_NO_RANDOMIZE) == -1) return;
  setenv("HOSTILE_KEEP_ASLR", "1", 1);  // never loop
  execv("/proc/self/exe", argv);
}

int main(int argc, char** argv) {
  without_aslr(argv);
  uint64_t ops = 2000000, check_every = 16;
  int threads = 2;
  double seconds = 5, timeout = 900;
  bool quiet = false;
  for (int i = 1; i < argc; i++) {
    const char* a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--seed") == 0 && v) {
      i++;  // read by hostile_seed()
    } else if (strncmp(a, "--seed=", 7) == 0) {
    } else if (strcmp(a, "--ops") == 0 && v) {
      ops = strtoull(argv[++i], NULL, 0);
    } else if (strcmp(a, "--threads") == 0 && v) {
      threads = atoi(argv[++i]);
    } else if (strcmp(a, "--seconds") == 0 && v) {
      seconds = atof(argv[++i]);
    } else if (strcmp(a, "--check-every") == 0 && v) {
      check_every = strtoull(argv[++i], NULL, 0);
      if (!check_every) check_every = 1;
    } else if (strcmp(a, "--timeout") == 0 && v) {
      timeout = atof(argv[++i]);
    } else if (strcmp(a, "--quiet") == 0) {
      quiet = true;
    } else if (strcmp(a, "--help") == 0) {
      usage(0);
    } else {
      usage(2);
    }
  }
  uint64_t seed = hostile_seed();
  replay_check_every = check_every;
  setvbuf(stdout, NULL, _IOLBF, 0);
  install_crash_handlers();
  if (timeout > 0) alarm((unsigned)timeout);
  printf("hostile: seed=%llu ops=%llu threads=%d seconds=%g check-every=%llu\n",
         (unsigned long long)seed, (unsigned long long)ops, threads, seconds,
         (unsigned long long)check_every);
  if (run_regressions() != 0) return 1;

  mem_init();
  pool_init();
  static ctx_t c;
  c.rng.s = seed;
  current_ctx = &c;
  double t0 = now();
  uint64_t resets = 0, deep = 0, fault_until = 0, injections = 0;
  for (uint64_t step = 0; step < ops; step++) {
    c.step = step;
    bool armed = c.fault_armed;
    run_one(&c);
    if (c.fault_armed && !armed) {
      fault_until = step + FAULT_WINDOW;
      injections++;
    }
    if (c.fault_armed && step >= fault_until) {
      zxemu_clear_failures();
      c.fault_armed = false;
    }
    check_handle_stats(&c);
    if (step % check_every == 0) {
      size_t mappings = deep_check(&c);
      deep++;
      bool full = mappings > MAX_MAPPINGS || (step % 1024 == 0 && pool_populated_bytes(&c) > MAX_POPULATED);
      if (full || (step && step % RESET_EVERY == 0)) {
        reset_address_space(&c);
        pool_trim(&c);
        resets++;
      }
    }
    if (!quiet && ops >= 10 && step % (ops / 10) == 0 && step) {
      printf("hostile: %llu%% (%llu steps, %.1f s)\n", (unsigned long long)(step * 100 / ops),
             (unsigned long long)step, now() - t0);
    }
  }
  zxemu_clear_failures();
  c.fault_armed = false;
  (void)deep_check(&c);
  double t1 = now();
  printf("hostile: single thread: %llu steps, %llu syscalls in %.1f s; %llu deep checks, "
         "%llu resets, %llu injected allocation failures\n",
         (unsigned long long)ops, (unsigned long long)c.calls, t1 - t0, (unsigned long long)deep,
         (unsigned long long)resets, (unsigned long long)injections);
  printf("hostile: statuses:");
  for (int s = 0; s < 64; s++) {
    if (c.by_status[s]) printf(" %s=%llu", status_name(-s), (unsigned long long)c.by_status[s]);
  }
  printf("\n");

  c.step = ops;
  uint64_t before_limits = c.calls;
  double t3 = now();
  run_exhaustion(&c);
  (void)deep_check(&c);
  printf("hostile: host limits: %llu syscalls in %.1f s\n",
         (unsigned long long)(c.calls - before_limits), now() - t3);
  print_coverage(&c);

  uint64_t calls = 0;
  if (threads > 0 && seconds > 0) {
    double t2 = now();
    run_concurrent(seed, threads, seconds, &calls);
    printf("hostile: %d threads: %llu syscalls in %.1f s; handle counts and tree consistent\n",
           threads, (unsigned long long)calls, now() - t2);
  }

  // Teardown: nothing may be left but the runtime's own handles and the root.
  c.step = ops;
  pool_close_all(&c);
  reset_address_space(&c);
  check_handle_stats(&c);
  printf("hostile: PASS (seed %llu): %llu syscalls checked in %.1f s\n", (unsigned long long)seed,
         (unsigned long long)(c.calls + calls), now() - t0);
  return 0;
}
