#include "libsys/mem.h"
#include "options.h"

int options_parse(int argc, char **argv, struct options *o, struct load_error *err)
{
    int i = 1;
    *o = (struct options){ 0 };
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            o->help = 1;
            return 0;
        } else if (!strcmp(a, "--version")) {
            o->version = 1;
            return 0;
        } else if (!strncmp(a, "--argv0=", 8)) {
            o->argv0 = a + 8;
        } else if (!strcmp(a, "--argv0")) {
            if (++i == argc)
                return load_fail(err, LOAD_EXIT_USAGE, "option --argv0 needs a NAME");
            o->argv0 = argv[i];
        } else {
            return load_fail(err, LOAD_EXIT_USAGE, "unknown option %s (try --help)", a);
        }
    }
    if (i >= argc)
        return load_fail(err, LOAD_EXIT_USAGE, "no program given (try --help)");
    o->prog = i;
    return 0;
}
