// Copyright 2026 The zircon-ffm Authors. Written from Fuchsia's public ABI.
//
// The few compiler macros the zircon-ffm headers use. Fuchsia's own
// <zircon/compiler.h> defines many more; only these are part of our contract.

#ifndef ZIRCON_COMPILER_H_
#define ZIRCON_COMPILER_H_

#ifdef __cplusplus
#define __BEGIN_CDECLS extern "C" {
#define __END_CDECLS }
#else
#define __BEGIN_CDECLS
#define __END_CDECLS
#endif

// Syscalls that read no memory and depend on nothing but their arguments.
#define __CONST __attribute__((__const__))
// Syscalls never call back into the caller's code.
#define __LEAF_FN __attribute__((__leaf__))
// Symbols exported from the vDSO (or the host emulator).
#define __EXPORT __attribute__((__visibility__("default")))

#endif  // ZIRCON_COMPILER_H_
