/* rtld's memory: blocks cut to measure (to 16 bytes up to 1 KiB, to a
 * power of two above), from a static first chunk and then from anonymous
 * mappings; what dlclose frees goes on a free list of its size and is used
 * again.  Callers hold the dl lock (or run before the program). */
#ifndef ALLOC_H
#define ALLOC_H

#include <stddef.h>
#include <stdint.h>

/* Zeroed, 16-byte aligned memory; NULL when the system has none. */
void *rtld_alloc(size_t size);
char *rtld_strdup(const char *s);

/* Give back a block from rtld_alloc (NULL is ignored). */
void rtld_free(void *p);

/* Take blocks from [start, end) too, before new pages, and keep *used_hi
 * at the end of what was taken (from start); an empty range stops it.
 * For the unused page ends of the libraries loaded at start-up, which are
 * never unmapped, as musl's linker takes its records from them (through
 * malloc), until malloc gets what is left. */
void rtld_alloc_spare(uint64_t start, uint64_t end, uint64_t *used_hi);

#endif
