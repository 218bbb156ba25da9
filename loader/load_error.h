/* How the loading code reports a refusal: an exit status and one line of
 * text, which the caller prefixes with the program name and the file. */
#ifndef LOAD_ERROR_H
#define LOAD_ERROR_H

enum load_status {
    LOAD_EXIT_USAGE    = 2,     /* bad command line */
    LOAD_EXIT_SYSTEM   = 125,   /* the system refused a resource (mmap, ...) */
    LOAD_EXIT_NOEXEC   = 126,   /* not executable: permissions or bad format */
    LOAD_EXIT_NOTFOUND = 127,   /* no such file, as the shells report it */
};

struct load_error {
    int  status;
    int  has_file;              /* file is set (it may be the empty path) */
    char file[4096];            /* the file the problem is about (PATH_MAX) */
    char msg[4096 + 256];       /* may quote a path */
};

/* Record the problem and return -1, so callers can write
 * `return load_fail(err, LOAD_EXIT_NOEXEC, "...", ...);` */
__attribute__((format(printf, 3, 4)))
int load_fail(struct load_error *err, int status, const char *fmt, ...);

/* Print "program: FILE: MESSAGE" on stderr. */
void load_error_print(const char *program, const struct load_error *err);

/* The same, then exit with err's status. */
__attribute__((noreturn))
void load_error_exit(const char *program, const struct load_error *err);

/* Name the file an error is about (kept from the first call only when the
 * message was set by a nested step that already knew better). */
void load_error_file(struct load_error *err, const char *path);

#endif
