/* errno texts for the errors a loader meets; the wording follows glibc's.
 * The texts are stored inline, not as pointers, so the table needs no
 * relocation before self_relocate() has run. */
#include "libsys/syscall.h"

static const struct { short err; char text[38]; } texts[] = {
    { EPERM,        "Operation not permitted" },
    { ENOENT,       "No such file or directory" },
    { ENXIO,        "No such device or address" },
    { EINTR,        "Interrupted system call" },
    { EIO,          "Input/output error" },
    { ENOEXEC,      "Exec format error" },
    { EBADF,        "Bad file descriptor" },
    { EAGAIN,       "Resource temporarily unavailable" },
    { ENOMEM,       "Cannot allocate memory" },
    { EACCES,       "Permission denied" },
    { EFAULT,       "Bad address" },
    { EEXIST,       "File exists" },
    { ENODEV,       "No such device" },
    { ENOTDIR,      "Not a directory" },
    { EISDIR,       "Is a directory" },
    { EINVAL,       "Invalid argument" },
    { ENFILE,       "Too many open files in system" },
    { EMFILE,       "Too many open files" },
    { ETXTBSY,      "Text file busy" },
    { EFBIG,        "File too large" },
    { ENAMETOOLONG, "File name too long" },
    { ELOOP,        "Too many levels of symbolic links" },
    { EOVERFLOW,    "Value too large for defined data type" },
};

const char *sys_strerror(long err)
{
    if (err < 0)
        err = -err;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i].err == err)
            return texts[i].text;
    return "Unknown error";
}
