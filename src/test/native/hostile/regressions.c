// Copyright 2026 The zircon-ffm Authors.
//
// Minimal reproductions of the emulator bugs this harness found, run before
// every hostile run so that they stay fixed. Each names the bug and the
// commit that fixed it.

#include <stdio.h>
#include <string.h>

#include "hostile.h"

typedef struct {
  const char* name;
  bool (*run)(char* why, size_t n);
} regression_t;

static const regression_t regressions[] = {
    {NULL, NULL},
};

int run_regressions(void) {
  int failed = 0, run = 0;
  for (size_t i = 0; regressions[i].name; i++) {
    char why[256] = "";
    run++;
    if (!regressions[i].run(why, sizeof(why))) {
      fprintf(stderr, "REGRESSION %s: %s\n", regressions[i].name, why);
      failed++;
    }
  }
  printf("hostile: %d regression cases, %d failed\n", run, failed);
  return failed;
}
