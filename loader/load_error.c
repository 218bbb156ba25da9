#include "libsys/fmt.h"
#include "load_error.h"

int load_fail(struct load_error *err, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fmt_vformat(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->status = status;
    err->has_file = 0;
    return -1;
}

void load_error_file(struct load_error *err, const char *path)
{
    if (!err->has_file)
        fmt_format(err->file, sizeof err->file, "%s", path);
    err->has_file = 1;
}
