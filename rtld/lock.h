/* rtld's locks, on futex(2) words, usable once the program's libc has set
 * the thread pointer (a thread is named by it).
 *
 * The dl lock serialises everything that reads or changes the set of
 * objects (loading, relocating, symbol lookups, unloading, rtld's memory);
 * it is recursive, so that an IFUNC resolver or a dl_iterate_phdr callback
 * may call back into the linker.  The init/fini lock guards constructor and
 * destructor state (init_fini.c); it is never held while taking the dl
 * lock, and neither is held while a constructor or destructor runs. */
#ifndef LOCK_H
#define LOCK_H

void dl_lock(void);
void dl_unlock(void);

void init_fini_lock(void);
void init_fini_unlock(void);

/* With the init/fini lock held: release it, sleep until the next
 * init_fini_wake (or a spurious wake-up), take it again. */
void init_fini_wait(void);
/* With the init/fini lock held: wake every init_fini_wait. */
void init_fini_wake(void);

/* Who the calling thread is (its thread pointer). */
unsigned long lock_self(void);

#endif
