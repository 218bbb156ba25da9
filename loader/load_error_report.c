/* Reporting a refusal: "PROGRAM: FILE: MESSAGE" on stderr (then exit). */
#include "libsys/fmt.h"
#include "libsys/syscall.h"
#include "load_error.h"

void load_error_print(const char *program, const struct load_error *err)
{
    struct writer w = { .fd = 2 };
    /* piece by piece: paths may be as long as PATH_MAX */
    w_puts(&w, program);
    w_puts(&w, ": ");
    if (err->has_file) {
        w_puts(&w, err->file);
        w_puts(&w, ": ");
    }
    w_puts(&w, err->msg);
    w_puts(&w, "\n");
    w_flush(&w);
}

void load_error_exit(const char *program, const struct load_error *err)
{
    load_error_print(program, err);
    sys_exit_group(err->status);
}
