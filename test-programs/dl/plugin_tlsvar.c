/* libplugin_tlsvar.so: one global __thread variable, which dlsym finds
 * (dlsym_race.c). */
__thread int plugin_tlsvar = 5;
