/* Self-relocation for our position-independent freestanding programs. */
#ifndef LIBSYS_SELF_RELOC_H
#define LIBSYS_SELF_RELOC_H

/* Apply this object's own R_*_RELATIVE relocations (RELA and RELR).  Must
 * run before any code reads an initialised pointer; it reads none itself. */
void self_relocate(void);

#endif
