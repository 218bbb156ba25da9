/* ELF-64 data structures and constants (System V gABI, "Object Files"
 * chapter, and the Linux auxiliary-vector ABI).  Our own definitions: the
 * freestanding code includes no libc header. */
#ifndef LIBSYS_ELF_DEFS_H
#define LIBSYS_ELF_DEFS_H

#include <stdint.h>

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

/* e_ident indexes and values (gABI "ELF Identification") */
#define EI_CLASS        4
#define EI_DATA         5
#define EI_VERSION      6
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1

#define ET_EXEC         2
#define ET_DYN          3

/* p_type (gABI "Program Header"; GNU extensions from the LSB) */
#define PT_NULL         0
#define PT_LOAD         1
#define PT_DYNAMIC      2
#define PT_INTERP       3
#define PT_PHDR         6
#define PT_TLS          7
#define PT_GNU_STACK    0x6474e551
#define PT_GNU_RELRO    0x6474e552

#define PF_X            1
#define PF_W            2
#define PF_R            4

/* Auxiliary vector entry types (Linux include/uapi/linux/auxvec.h and
 * arch/x86/include/uapi/asm/auxvec.h) */
#define AT_NULL           0
#define AT_EXECFD         2
#define AT_PHDR           3
#define AT_PHENT          4
#define AT_PHNUM          5
#define AT_PAGESZ         6
#define AT_BASE           7
#define AT_FLAGS          8
#define AT_ENTRY          9
#define AT_UID            11
#define AT_EUID           12
#define AT_GID            13
#define AT_EGID           14
#define AT_PLATFORM       15
#define AT_HWCAP          16
#define AT_CLKTCK         17
#define AT_SECURE         23
#define AT_BASE_PLATFORM  24
#define AT_RANDOM         25
#define AT_HWCAP2         26
#define AT_EXECFN         31
#define AT_SYSINFO_EHDR   33
#define AT_MINSIGSTKSZ    51

/* Dynamic section tags used for self-relocation (gABI "Dynamic Section") */
typedef struct { int64_t d_tag; uint64_t d_val; } Elf64_Dyn;
typedef struct { uint64_t r_offset, r_info; int64_t r_addend; } Elf64_Rela;

#define DT_NULL         0
#define DT_RELA         7
#define DT_RELASZ       8
#define DT_RELAENT      9
#define DT_RELRSZ       35
#define DT_RELR         36
#define DT_RELRENT      37

#define ELF64_R_TYPE(i) ((uint32_t)(i))

#endif
