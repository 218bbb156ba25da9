/* A buffered writer on a file descriptor, for messages and listings. */
#include "libsys/fmt.h"
#include "libsys/mem.h"
#include "libsys/syscall.h"

void w_flush(struct writer *w)
{
    size_t done = 0;
    while (done < w->len) {
        long r = sys_write(w->fd, w->buf + done, w->len - done);
        if (r == -EINTR)
            continue;
        if (r <= 0)
            break;          /* nowhere left to report a failed report */
        done += (size_t)r;
    }
    w->len = 0;
}

static void w_append(struct writer *w, const char *s, size_t n)
{
    while (n) {
        if (w->len == sizeof w->buf)
            w_flush(w);
        size_t room = sizeof w->buf - w->len, k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

void w_puts(struct writer *w, const char *s)
{
    w_append(w, s, strlen(s));
}

void w_printf(struct writer *w, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    size_t n = fmt_vformat(line, sizeof line, fmt, ap);
    va_end(ap);
    w_append(w, line, n);
}

void w_print_exit(int fd, const char *text, int status)
{
    struct writer w = { .fd = fd };
    w_puts(&w, text);
    w_flush(&w);
    sys_exit_group(status);
}
