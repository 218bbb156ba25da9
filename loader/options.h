/* Command lines of the form  PROGRAM [OPTIONS] [--] PROG [ARGS...],
 * shared by loader and rtld; each accepts a subset of the options. */
#ifndef OPTIONS_H
#define OPTIONS_H

#include "load_error.h"

enum option_id {
    OPT_ARGV0,          /* --argv0 NAME */
    OPT_LIBRARY_PATH,   /* --library-path PATH */
    OPT_PRELOAD,        /* --preload LIBS */
    OPT_LIST,           /* --list (a flag: value "" when given) */
    OPT_SECURE,         /* --secure (a flag) */
    OPT_COUNT
};

#define OPT_BIT(id) (1u << (id))

struct options {
    const char *value[OPT_COUNT];   /* NULL: not given */
    int help, version;
    int prog;                       /* index of PROG in argv */
};

/* Parse argv accepting the options whose OPT_BIT is in `accepted`; --help,
 * -h, --version and -- are always understood.  Values come as a separate
 * argument or after '='. */
int options_parse(int argc, char **argv, unsigned accepted, struct options *o,
                  struct load_error *err);

/* Was this process started through a process's exe link (AT_EXECFN
 * /proc/self/exe, /proc/PID/exe, /proc/thread-self/exe, ...)?  Then the
 * caller meant to run again the program that process was running, which the
 * link names only when the loader could replace it (PR_SET_MM_MAP exe_fd);
 * otherwise it names the loader, and argv[1] is no program name. */
int options_started_as_exe_link(const char *execfn);

#endif
