// Copyright 2026 The zircon-ffm Authors.
//
// Recording the call in flight, checking its status against the documented
// ones, and reporting a violation or a crash with everything needed to
// reproduce it: the seed, the step, the call with its arguments, and the
// calls before it.

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostile.h"

_Thread_local ctx_t* current_ctx;
uint64_t replay_check_every = 16;
static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;

void call_begin(ctx_t* c, enum sc sc) {
  c->cur.sc = sc;
  c->cur.n = 0;
  c->cur.status = 1;  // not returned yet
  c->cur.step = c->step;
  current_ctx = c;
}

void call_arg(ctx_t* c, const char* name, uint64_t val, const char* note) {
  if (c->cur.n == MAX_ARGS) return;
  c->cur.name[c->cur.n] = name;
  c->cur.val[c->cur.n] = val;
  c->cur.note[c->cur.n] = note;
  c->cur.n++;
}

void call_end(ctx_t* c, zx_status_t st) {
  c->cur.status = st;
  c->calls++;
  if (st <= 0 && st > -64) {
    c->by_status[-st]++;
    c->by_call_status[c->cur.sc][-st]++;
  }
  c->trace[c->trace_len % TRACE_LEN] = c->cur;
  c->trace_len++;
  bool injected = c->fault_armed && st == ZX_ERR_NO_MEMORY;
  if (!injected && !status_documented(c->cur.sc, st)) {
    char list[512];
    documented_list(c->cur.sc, list, sizeof(list));
    fail(c, "%s returned %s (%d), which it does not document; documented: %s",
         sc_name(c->cur.sc), status_name(st), st, list);
  }
}

void print_coverage(const ctx_t* c) {
  unsigned pairs = 0, seen = 0;
  char missing[2048] = "";
  size_t used = 0;
  for (int sc = SC_HANDLE_CLOSE; sc < SC_COUNT; sc++) {
    for (int bit = 0; bit < 64; bit++) {
      if (!status_documented((enum sc)sc, -bit)) continue;
      pairs++;
      if (c->by_call_status[sc][bit]) {
        seen++;
      } else if (used < sizeof(missing) - 1) {
        int w = snprintf(missing + used, sizeof(missing) - used, " %s/%s", sc_name((enum sc)sc),
                         status_name(-bit));
        if (w > 0) used += (size_t)w;
      }
    }
  }
  printf("hostile: coverage: %u of %u documented (syscall, status) pairs returned; never:%s\n",
         seen, pairs, used ? missing : " none");
}

static void print_call(FILE* f, const call_t* k) {
  fprintf(f, "  [step %llu] %s(", (unsigned long long)k->step, sc_name(k->sc));
  for (int i = 0; i < k->n; i++) {
    fprintf(f, "%s%s=0x%llx", i ? ", " : "", k->name[i], (unsigned long long)k->val[i]);
    if (k->note[i]) fprintf(f, " [%s]", k->note[i]);
  }
  if (k->status <= 0) {
    fprintf(f, ") -> %s\n", status_name(k->status));
  } else {
    fprintf(f, ") -> (in flight)\n");
  }
}

void fail(ctx_t* c, const char* fmt, ...) {
  pthread_mutex_lock(&report_lock);
  fflush(stdout);
  fprintf(stderr, "\nHOSTILE FAILURE: seed=%llu step=%llu thread=%d%s\n",
          (unsigned long long)hostile_seed(), c ? (unsigned long long)c->step : 0ull,
          c ? c->thread : -1, c && c->concurrent ? " (concurrent phase)" : "");
  fprintf(stderr, "  reason: ");
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  if (c) {
    fprintf(stderr, "  last call:\n");
    print_call(stderr, &c->cur);
    unsigned n = c->trace_len < TRACE_LEN ? c->trace_len : TRACE_LEN;
    fprintf(stderr, "  the %u calls before it, oldest first:\n", n);
    for (unsigned i = 0; i < n; i++) {
      print_call(stderr, &c->trace[(c->trace_len - n + i) % TRACE_LEN]);
    }
  }
  if (c && c->concurrent) {
    fprintf(stderr, "  (the concurrent phase does not replay exactly; rerun the seed to retry)\n");
  } else {
    fprintf(stderr,
            "  replay: hostile --seed %llu --ops %llu --check-every %llu --threads 0 "
            "(docs/reliability/hostile-input.md)\n",
            (unsigned long long)hostile_seed(), c ? (unsigned long long)c->step + 1 : 0ull,
            (unsigned long long)replay_check_every);
  }
  fflush(stderr);
  _exit(1);
}

// What handled each crash signal before us (a sanitizer's reporter, or the
// default action), to hand the signal on to.
static struct sigaction previous[NSIG];

// A crash inside the emulator (or the harness): say where we were, then let
// the signal go on to its previous handler (the sanitizer's report) or kill
// the process as it would have.
static void on_crash(int sig) {
  ctx_t* c = current_ctx;
  char msg[160];
  int n = snprintf(msg, sizeof(msg), "\nHOSTILE CRASH: signal %d at seed=%llu step=%llu\n", sig,
                   (unsigned long long)hostile_seed(), c ? (unsigned long long)c->step : 0ull);
  if (n > 0) (void)!write(2, msg, (size_t)n);
  if (c) {
    // Not async-signal-safe, but the process is dying anyway and this is the
    // most useful thing it can still say.
    print_call(stderr, &c->cur);
    fflush(stderr);
  }
  sigaction(sig, &previous[sig], NULL);
  // A fault recurs when the instruction re-runs, now with the previous handler
  // (and its report of the faulting address); abort() raises again by itself.
  if (sig != SIGSEGV && sig != SIGBUS && sig != SIGILL && sig != SIGFPE) raise(sig);
}

static void on_alarm(int sig) {
  (void)sig;
  ctx_t* c = current_ctx;
  char msg[160];
  int n = snprintf(msg, sizeof(msg), "\nHOSTILE TIMEOUT (a hang?) at seed=%llu step=%llu\n",
                   (unsigned long long)hostile_seed(), c ? (unsigned long long)c->step : 0ull);
  if (n > 0) (void)!write(2, msg, (size_t)n);
  if (c) print_call(stderr, &c->cur);
  fflush(stderr);
  _exit(1);
}

void install_crash_handlers(void) {
  static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
  for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_NODEFER | SA_RESETHAND;
    sigaction(sigs[i], &sa, &previous[sigs[i]]);
  }
  signal(SIGALRM, on_alarm);
}
