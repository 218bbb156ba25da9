/* libFuzzer harness: the loader's "#!" line parser (loader/script.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct load_error err;
    struct script_line line;
    /* the loader passes the first bytes of the file, "#!" included */
    if (!script_is_script(data, size))
        return 0;
    memset(&line, 0xa5, sizeof line);
    if (script_parse(data, size, &line, &err) == 0) {
        size_t il = strnlen(line.interp, sizeof line.interp);
        size_t al = strnlen(line.arg, sizeof line.arg);
        if (il == 0 || il >= sizeof line.interp || al >= sizeof line.arg)
            abort();
        if (!line.has_arg && al)
            abort();
        /* the interpreter name holds no blank.  (The argument may end in
         * blanks: like the kernel, a short file without a newline is
         * trimmed at the end of the zero-padded buffer, not at the text's
         * end -- a documented quirk, not checked here.) */
        if (strpbrk(line.interp, " \t") || (al && (line.arg[0] == ' ' || line.arg[0] == '\t')))
            abort();
    }
    return 0;
}
