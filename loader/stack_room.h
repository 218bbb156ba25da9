/* Room on the process stack for a program's initial stack image. */
#ifndef STACK_ROOM_H
#define STACK_ROOM_H

#include <stdint.h>
#include "libsys/initial_stack.h"
#include "load_error.h"

/* Can the stack hold an image reaching down to sp?  Down to our own frame
 * it is mapped already; below, it grows up to RLIMIT_STACK from its top,
 * 8 bytes above the end of AT_EXECFN's string (fs/exec.c: the exec file
 * name is the first string copied, below a NULL word at the stack's end).
 * Otherwise record why (status 125) in err and return -1. */
int stack_room(const struct initial_stack *st, uint64_t sp, uint64_t pagesz,
               struct load_error *err);

#endif
