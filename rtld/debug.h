/* Debugger support (the SVR4 r_debug protocol, as glibc's and musl's
 * dynamic linkers implement it): the program's DT_DEBUG points at _r_debug,
 * whose r_map lists every object's link_map, and _dl_debug_state (r_brk)
 * is called after each change, where debuggers keep a breakpoint. */
#ifndef DEBUG_H
#define DEBUG_H

struct dso;

/* Keep r_map in load order as objects come and go. */
void debug_link(struct dso *d);
void debug_unlink(struct dso *d);

/* Tell debuggers objects were added (RT_ADD, then RT_CONSISTENT). */
void debug_publish(void);

/* Tell debuggers objects are about to go (RT_DELETE). */
void debug_deleting(void);

#endif
