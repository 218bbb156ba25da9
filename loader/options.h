/* The loader's command line: loader [--argv0 NAME] PROG [ARGS...] */
#ifndef OPTIONS_H
#define OPTIONS_H

#include "load_error.h"

struct options {
    const char *argv0;          /* NULL: PROG itself */
    int help, version;
    int prog;                   /* index of PROG in argv */
};

int options_parse(int argc, char **argv, struct options *o, struct load_error *err);

#endif
