/* The stack the kernel hands a new process (psABI §3.4.1): argc, argv[],
 * NULL, envp[], NULL, auxv pairs ending in AT_NULL. */
#ifndef LIBSYS_INITIAL_STACK_H
#define LIBSYS_INITIAL_STACK_H

#include <stdint.h>

/* auxv types below this are indexed: AT_MINSIGSTKSZ (51) is the largest
 * the kernel sends today; larger ones are passed on but not looked up. */
#define AUX_INDEX_MAX 64

struct initial_stack {
    int       argc;
    char    **argv;
    char    **envp;
    int       envc;
    uint64_t *auxv;
    int       auxc;             /* entries before AT_NULL */
    uint8_t   auxpos[AUX_INDEX_MAX];   /* 1 + index of each type's entry, 0: absent */
    /* what the auxv says, read in the same single pass */
    uint64_t  pagesz, euid, egid, secure;
    const char *execfn;         /* AT_EXECFN: the path this execve was given */
    uint64_t  strings;          /* lowest address of the strings and bytes
                                   the kernel placed above the tables */
};

void initial_stack_parse(uint64_t *sp, struct initial_stack *s);

/* Index an auxv (pairs ending in AT_NULL) into pos[type] = 1 + entry index;
 * returns the number of entries before AT_NULL.  At most 254 entries are
 * indexed right: the auxv a kernel builds has fewer than 40 (AT_VECTOR_SIZE,
 * include/linux/mm_types.h), and the loader's copy of it fewer still; past
 * that an index wraps to an earlier entry's, still inside the table. */
int auxv_index(const uint64_t *auxv, uint8_t pos[AUX_INDEX_MAX]);

/* The value of s's auxv entry of an indexed type (below AUX_INDEX_MAX),
 * or dflt when it is absent: no walk of the auxv. */
static inline uint64_t initial_stack_aux(const struct initial_stack *s, unsigned type,
                                         uint64_t dflt)
{
    return s->auxpos[type] ? s->auxv[2 * s->auxpos[type] - 1] : dflt;
}

#endif
