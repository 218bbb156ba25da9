/* The initial process stack, laid out as the kernel's create_elf_tables()
 * does (psABI §3.4.1, Figure 3.9), from the top down:
 *
 *     8 zero bytes, AT_EXECFN string, environment strings, argument strings,
 *     AT_PLATFORM string, AT_BASE_PLATFORM string, 16 AT_RANDOM bytes,
 *     padding, auxv pairs ending in AT_NULL, envp[] + NULL, argv[] + NULL,
 *     argc  <- sp, 16-byte aligned
 *
 * Built into a buffer whose pointers are computed for its final address, so
 * it can be copied into place in one move just before entry. */
#ifndef STACK_BUILD_H
#define STACK_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct stack_args {
    const char *const *pre;     /* argv strings put before argv[] (#! lines) */
    size_t npre;
    const char *const *argv;
    size_t argc;
    const char *const *envp;    /* NULL-terminated */
    const uint64_t *auxv;       /* template: the loader's own auxv, AT_NULL-ended */
    const char *execfn;
    const unsigned char *random;    /* 16 bytes */
    uint64_t phdr, phnum, base, entry, secure;
};

/* Bytes the image needs. */
size_t stack_size(const struct stack_args *a);

/* Build the image into buf (stack_size(a) bytes) for the address range
 * ending at top (16-byte aligned); returns the entry stack pointer. */
uint64_t stack_build(const struct stack_args *a, void *buf, uint64_t top);

#endif
