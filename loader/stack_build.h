/* The initial process stack (psABI §3.4.1, Figure 3.9), laid out as the
 * kernel's create_elf_tables() does, from the sp up:
 *
 *     argc  <- sp, 16-byte aligned
 *     argv[] + NULL, envp[] + NULL, auxv pairs ending in AT_NULL, padding
 *     16 AT_RANDOM bytes, AT_BASE_PLATFORM and AT_PLATFORM strings
 *     argument strings, environment strings, AT_EXECFN string, 8 zero bytes
 *
 * Usually only the table is built: the strings and bytes it points to are
 * the ones the kernel already put above our own table for this execve, and
 * the program's arguments are a suffix of ours, so they stay in place.
 * When the program's argv[0] is not our PROG string (--argv0, #! scripts)
 * the argument strings would no longer be contiguous as the kernel makes
 * them, so everything is copied ("copy_strings").  The image is built with
 * pointers computed for its final address: in a buffer moved into place
 * just before entry, or, without copying, at that address itself over the
 * kernel's table it replaces (the loader does: no second copy). */
#ifndef STACK_BUILD_H
#define STACK_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include "libsys/initial_stack.h"

struct stack_args {
    const char *const *pre;     /* argv strings put before argv[] (#! lines) */
    size_t npre;
    const char *const *argv;
    size_t argc;
    const char *const *envp;
    size_t envc;
    const uint64_t *auxv;       /* template: the loader's own auxv, AT_NULL-ended */
    size_t auxc;                /* its entries before AT_NULL */
    const uint8_t *auxpos;      /* its index (auxv_index) */
    const char *execfn;
    uint64_t phdr, phnum, base, entry, secure;
    int copy_strings;
};

/* Does an image whose lowest byte is at sp fit in a stack that ends at
 * stack_top and may grow to limit bytes (RLIMIT_STACK, ~0 for none)?  The
 * kernel grows the stack mapping page by page up to the limit
 * (mm/mmap.c acct_stack_growth); entering also pushes one word below sp. */
int stack_fits(uint64_t sp, uint64_t stack_top, uint64_t limit, uint64_t pagesz);

/* Bytes the image needs: a multiple of 16. */
size_t stack_size(const struct stack_args *a);

/* Build the image into buf (size = stack_size(a) bytes) for the range
 * ending at top (16-byte aligned); returns the entry stack pointer,
 * top - size.  buf may overlap a's tables only when buf is top - size,
 * copy_strings is off and the tables are the kernel's one block (argv's
 * tail, envp and auxv one after the other, as create_elf_tables lays them
 * out). */
uint64_t stack_build(const struct stack_args *a, uint64_t *buf, size_t size,
                     uint64_t top);

#endif
