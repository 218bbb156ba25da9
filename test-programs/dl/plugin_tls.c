/* A plugin with a dependency (libplugin_dep.so), constructors and
 * destructors, and __thread data, initialised (counter) and zero (tbuf). */
#include <stdio.h>

int plugin_dep_twice(int);
static __thread int counter = 100;
__thread char tbuf[64];

__attribute__((constructor)) static void ctor(void) { printf("plugin_tls: constructor\n"); fflush(stdout); }
__attribute__((destructor)) static void dtor(void) { printf("plugin_tls: destructor\n"); fflush(stdout); }

int plugin_bump(int n) { counter += n; return counter; }
int plugin_compute(int x) { return plugin_dep_twice(x) + 1; }
const char *plugin_name(void) { return "plugin_tls"; }
