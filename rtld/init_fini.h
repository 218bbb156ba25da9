/* Constructors and destructors (gABI "Initialization and Termination
 * Functions"): the program's DT_PREINIT_ARRAY first, then each object's
 * DT_INIT and DT_INIT_ARRAY with dependencies before dependents;
 * destructors in the reverse order at exit, or when dlclose unloads.
 *
 * As in musl's dynamic linker, constructors run without the dl lock, each
 * exactly once: a thread that needs an object another thread is
 * constructing waits for it, and one that meets an object it is itself
 * constructing (a constructor that calls dlopen) goes on past it.  Objects
 * whose constructors started are destroyed in the reverse of that order. */
#ifndef INIT_FINI_H
#define INIT_FINI_H

#include "dso.h"
#include "load_error.h"

/* The objects whose constructors have not run, dependencies first, from
 * root, or from every object in load order when root is NULL (start-up):
 * a NULL-terminated list for run_init_queue and init_queue_free.  NULL with
 * err set when there is no memory, or when an object's constructor was
 * running in a thread that fork left behind.  Under the dl lock. */
struct dso **init_queue(struct dso *root, struct load_error *err);
void init_queue_free(struct dso **queue);       /* under the dl lock */

/* Construct the queue's objects not constructed yet; without the dl lock. */
void run_init_queue(struct dso **queue);

/* Start-up: the queue of every object, built by main before the program
 * runs, and its run (DT_PREINIT_ARRAY first) when libc asks. */
int init_fini_startup(void);
void run_constructors(void);

/* exit(): destroy every constructed object, the last constructed first.
 * From then on (exiting_started), dlclose unloads nothing: a destructor
 * that closes its own object, or another thread closing one whose
 * destructor exit is running, would unmap the code being run (glibc's
 * _dl_fini holds a reference on every object; musl never unloads). */
void run_destructors(void);
int exiting_started(void);

/* Unloading: run d's destructors if its constructors ran and its
 * destructors have not; without the dl lock.  An object being constructed
 * is never unloaded. */
void destroy(struct dso *d);
int constructing(const struct dso *d);

/* Which of two constructed objects' destructors run first: > 0 when a's
 * constructors started after b's. */
int destroy_before(const struct dso *a, const struct dso *b);

/* fork(): before (-1) take the init/fini lock; after, release it, and in
 * the child (1) mark the objects other threads were constructing as
 * abandoned (dlopen of them fails there, as under musl). */
void init_fini_atfork(int who);

#endif
