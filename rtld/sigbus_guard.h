/* rtld's startup turns a SIGBUS (a mapped file got shorter) into a load
 * error; see sigbus_guard.c. */
#ifndef SIGBUS_GUARD_H
#define SIGBUS_GUARD_H

/* From before rtld maps a file (once; later calls do nothing) ... */
void sigbus_guard_start(void);

/* ... to just before the first instruction that is not rtld's (nothing
 * when no file was mapped). */
void sigbus_guard_stop(void);

#endif
