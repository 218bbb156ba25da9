/* Symbol lookup in the global scope. */
#ifndef SYMBOLS_H
#define SYMBOLS_H

#include <stdint.h>
#include "dso.h"

struct symdef {
    const Elf64_Sym *sym;
    const struct dso *dso;
};

/* A version a reference asks for (LSB symbol versioning); name NULL for
 * an unversioned reference. */
struct version_req {
    const char *name;
    uint32_t hash;
};

uint32_t sysv_hash(const char *s);
uint32_t gnu_hash(const char *s);

/* Look name up in one object; NULL when it does not define it. */
const Elf64_Sym *dso_lookup(const struct dso *d, const char *name, uint32_t gh,
                            const struct version_req *v, int need_def);

/* Which version the reference from object d's symbol index sym asks for. */
void version_wanted(const struct dso *d, uint32_t sym, struct version_req *v);

/* Look name up for a reference from `from`: its own definitions first if
 * it is DT_SYMBOLIC, then every object in load order.  skip_main leaves the
 * program out (for COPY relocations); need_def refuses an undefined
 * symbol's canonical PLT address (for PLT slots).  0 when found. */
int lookup(const char *name, const struct dso *from, const struct version_req *v,
           int skip_main, int need_def, struct symdef *out);

#endif
