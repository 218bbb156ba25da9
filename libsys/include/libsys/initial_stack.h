/* The stack the kernel hands a new process (psABI §3.4.1): argc, argv[],
 * NULL, envp[], NULL, auxv pairs ending in AT_NULL. */
#ifndef LIBSYS_INITIAL_STACK_H
#define LIBSYS_INITIAL_STACK_H

#include <stdint.h>

struct initial_stack {
    int       argc;
    char    **argv;
    char    **envp;
    int       envc;
    uint64_t *auxv;
    int       auxc;             /* entries before AT_NULL */
    /* what the auxv says, read in the same single pass */
    uint64_t  pagesz, euid, egid, secure;
    uint64_t  strings;          /* lowest address of the strings and bytes
                                   the kernel placed above the tables */
};

void initial_stack_parse(uint64_t *sp, struct initial_stack *s);

/* The value of an auxv entry, or dflt when it is absent. */
uint64_t auxv_get(const uint64_t *auxv, uint64_t type, uint64_t dflt);

#endif
