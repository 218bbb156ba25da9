/* "#!" interpreter scripts, parsed as the kernel's binfmt_script does. */
#ifndef SCRIPT_H
#define SCRIPT_H

#include <stddef.h>
#include "load_error.h"

#define SCRIPT_BUF      256     /* BINPRM_BUF_SIZE: the kernel reads no more */
/* Nested #! interpreters: fs/exec.c exec_binprm() allows depth 0..5 of
 * binary-format rewrites, i.e. five scripts before the final program. */
#define SCRIPT_MAX_DEPTH 5

struct script_line {
    char interp[SCRIPT_BUF];
    char arg[SCRIPT_BUF];       /* the optional single argument */
    int  has_arg;
};

/* Does the file start with "#!"? */
int script_is_script(const void *head, size_t len);

/* Parse the first line of a script whose first len bytes are at head. */
int script_parse(const void *head, size_t len, struct script_line *out,
                 struct load_error *err);

#endif
