/* Plugins for fork_dlopen.c, built as libfork_slow.so (-DSLOW: its
 * constructor calls back into the program, which forks meanwhile) and
 * libfork_other.so. */
#ifdef SLOW
void fork_during_constructor(void);     /* the program's, -rdynamic */

__attribute__((constructor)) static void init(void) { fork_during_constructor(); }
#endif

int fork_plugin_value(void) { return 7; }
