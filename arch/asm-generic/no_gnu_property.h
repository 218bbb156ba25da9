/* For a CPU whose Linux does not read program properties at exec
 * (loader/elf_property.h: no CONFIG_ARCH_USE_GNU_PROPERTY; on x86_64 the C
 * library turns IBT and shadow stacks on itself): the loader reads none
 * either.  Included by such a CPU's arch.h. */
#ifndef ASM_GENERIC_NO_GNU_PROPERTY_H
#define ASM_GENERIC_NO_GNU_PROPERTY_H

#include <stdint.h>

#define ARCH_GNU_PROPERTY 0

static inline int arch_gnu_property(uint32_t type, const unsigned char *data, uint32_t size,
                                    uint64_t hwcap2, int *exec_prot)
{
    (void)type, (void)data, (void)size, (void)hwcap2, (void)exec_prot;
    return 0;
}

#endif
