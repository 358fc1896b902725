// Copyright 2026 The zircon-ffm Authors.
//
// The run's seed, and the emulator's placement made reproducible from it.
// The emulator spreads regions at random, as Fuchsia does, from a generator
// it seeds once with getrandom() when it loads. This file defines getrandom,
// which the dynamic linker then resolves for libzircon.so too (the program
// comes first in symbol lookup), so that one seed fixes both the calls the
// harness makes and where the emulator places things. With the host's own
// address randomization off (main re-executes without it), a seed replays
// the same single-thread run exactly; thread interleavings still vary.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hostile.h"

static uint64_t seed;
static bool seed_ready;

// "--seed N" in our own command line (this can run before main).
static const char* seed_arg(void) {
  static char buf[8192];
  FILE* f = fopen("/proc/self/cmdline", "r");
  if (!f) return NULL;
  size_t n = fread(buf, 1, sizeof(buf) - 1, f);
  fclose(f);
  buf[n] = '\0';
  for (size_t i = 0; i < n;) {
    const char* a = buf + i;
    size_t len = strlen(a);
    if (strcmp(a, "--seed") == 0 && i + len + 1 < n) return a + len + 1;
    if (strncmp(a, "--seed=", 7) == 0) return a + 7;
    i += len + 1;
  }
  return NULL;
}

uint64_t hostile_seed(void) {
  if (seed_ready) return seed;
  const char* s = seed_arg();
  if (!s || !*s) s = getenv("HOSTILE_SEED");
  if (s && *s && strcmp(s, "random") != 0) {
    seed = strtoull(s, NULL, 0);
  } else {
    // The real generator, not our own getrandom below.
    if (syscall(SYS_getrandom, &seed, sizeof(seed), 0) != (long)sizeof(seed)) {
      seed = (uint64_t)getpid() * 0x9E3779B97F4A7C15ull;
    }
    seed &= (1ull << 53) - 1;  // short enough to copy from a log
  }
  seed_ready = true;
  return seed;
}

ssize_t getrandom(void* buf, size_t len, unsigned int flags) {
  (void)flags;
  rng_t r = {hostile_seed() ^ 0x5eed5eed5eed5eedull};
  for (size_t i = 0; i < len; i++) ((unsigned char*)buf)[i] = (unsigned char)rng_next(&r);
  return (ssize_t)len;
}
