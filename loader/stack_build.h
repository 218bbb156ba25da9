/* The initial process stack (psABI §3.4.1, Figure 3.9):
 *
 *     argc  <- sp, 16-byte aligned
 *     argv[] + NULL, envp[] + NULL, auxv pairs ending in AT_NULL
 *     padding to the table's top
 *
 * Only this table is built.  The strings and bytes it points to -- argument
 * and environment strings, AT_RANDOM's 16 bytes, the platform string -- are
 * the ones the kernel already put above our own table for this execve, and
 * stay where they are; the program's arguments are a suffix of ours.  The
 * table is built in a buffer with pointers computed for its final address
 * and moved into place just before entry. */
#ifndef STACK_BUILD_H
#define STACK_BUILD_H

#include <stddef.h>
#include <stdint.h>

struct stack_args {
    const char *const *pre;     /* argv strings put before argv[] (#! lines) */
    size_t npre;
    const char *const *argv;
    size_t argc;
    const char *const *envp;
    size_t envc;
    const uint64_t *auxv;       /* template: the loader's own auxv, AT_NULL-ended */
    size_t auxc;                /* its entries before AT_NULL */
    const char *execfn;
    uint64_t phdr, phnum, base, entry, secure;
};

/* Bytes the table needs: a multiple of 16. */
size_t stack_size(const struct stack_args *a);

/* Build the table into buf (size = stack_size(a) bytes) for the range
 * ending at top (16-byte aligned); returns the entry stack pointer. */
uint64_t stack_build(const struct stack_args *a, uint64_t *buf, size_t size,
                     uint64_t top);

#endif
