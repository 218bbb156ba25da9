/* The dependency of plugin_tls: loaded with it by dlopen, constructed first. */
#include <stdio.h>
__attribute__((constructor)) static void c(void) { printf("plugin_dep: constructor\n"); fflush(stdout); }
int plugin_dep_twice(int x) { return 2 * x; }
const char *plugin_name(void) { return "plugin_dep"; }
