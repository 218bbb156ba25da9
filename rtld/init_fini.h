/* Constructors and destructors (gABI "Initialization and Termination
 * Functions"): the program's DT_PREINIT_ARRAY first, then each object's
 * DT_INIT and DT_INIT_ARRAY with dependencies before dependents;
 * destructors in the reverse order at exit. */
#ifndef INIT_FINI_H
#define INIT_FINI_H

/* Order the objects so that every object follows its dependencies. */
int init_fini_order(void);

void run_constructors(void);
void run_destructors(void);

/* Objects not marked live are being unloaded: run their destructors (in
 * reverse constructor order, those whose constructors ran) and drop them
 * from the order. */
void init_fini_forget_dead(void);

#endif
