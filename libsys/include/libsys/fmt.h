/* printf-style formatting into a buffer, and a small buffered writer.
 * Conversions: %s %c %d %u %x %p %% with the l and z length modifiers, the
 * '#' flag for 0x prefixes.  Output is always NUL-terminated and truncated
 * to fit. */
#ifndef LIBSYS_FMT_H
#define LIBSYS_FMT_H

#include <stdarg.h>
#include <stddef.h>

size_t fmt_vformat(char *buf, size_t cap, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4)))
size_t fmt_format(char *buf, size_t cap, const char *fmt, ...);

struct writer {
    int    fd;
    size_t len;
    char   buf[1024];
};

void w_flush(struct writer *w);

/* Write text to fd and exit with status (--help, --version). */
__attribute__((noreturn))
void w_print_exit(int fd, const char *text, int status);
void w_puts(struct writer *w, const char *s);
__attribute__((format(printf, 2, 3)))
void w_printf(struct writer *w, const char *fmt, ...);

#endif
