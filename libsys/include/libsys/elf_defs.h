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
#define ELFCLASS32      1
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
#define PT_GNU_PROPERTY 0x6474e553      /* Linux Extensions to gABI: program properties */

/* Its one note: NT_GNU_PROPERTY_TYPE_0, named "GNU" (Linux Extensions to
 * gABI, "Program Property") */
#define NT_GNU_PROPERTY_TYPE_0 5

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

/* Dynamic section (gABI "Dynamic Section"; GNU extensions from binutils'
 * include/elf/common.h, RELR from the gABI RELR proposal) */
typedef struct { int64_t d_tag; uint64_t d_val; } Elf64_Dyn;
typedef struct { uint64_t r_offset, r_info; int64_t r_addend; } Elf64_Rela;
typedef struct { uint64_t r_offset, r_info; } Elf64_Rel;

#define DT_NULL         0
#define DT_NEEDED       1
#define DT_PLTRELSZ     2
#define DT_HASH         4
#define DT_STRTAB       5
#define DT_SYMTAB       6
#define DT_RELA         7
#define DT_RELASZ       8
#define DT_RELAENT      9
#define DT_STRSZ        10
#define DT_SYMENT       11
#define DT_INIT         12
#define DT_FINI         13
#define DT_SONAME       14
#define DT_RPATH        15
#define DT_SYMBOLIC     16
#define DT_REL          17
#define DT_RELSZ        18
#define DT_RELENT       19
#define DT_PLTREL       20
#define DT_DEBUG        21
#define DT_TEXTREL      22
#define DT_JMPREL       23
#define DT_BIND_NOW     24
#define DT_INIT_ARRAY   25
#define DT_FINI_ARRAY   26
#define DT_INIT_ARRAYSZ 27
#define DT_FINI_ARRAYSZ 28
#define DT_RUNPATH      29
#define DT_FLAGS        30
#define DT_PREINIT_ARRAY   32
#define DT_PREINIT_ARRAYSZ 33
#define DT_RELRSZ       35
#define DT_RELR         36
#define DT_RELRENT      37
#define DT_GNU_HASH     0x6ffffef5
#define DT_VERSYM       0x6ffffff0
#define DT_FLAGS_1      0x6ffffffb
#define DT_VERDEF       0x6ffffffc
#define DT_VERDEFNUM    0x6ffffffd
#define DT_VERNEED      0x6ffffffe
#define DT_VERNEEDNUM   0x6fffffff

#define DF_SYMBOLIC     0x2
#define DF_TEXTREL      0x4
#define DF_BIND_NOW     0x8
#define DF_1_NOW        0x1

#define ELF64_R_SYM(i)  ((uint32_t)((i) >> 32))
#define ELF64_R_TYPE(i) ((uint32_t)(i))

/* Symbols (gABI "Symbol Table") */
typedef struct {
    uint32_t st_name;
    unsigned char st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
} Elf64_Sym;

#define SHN_UNDEF       0
#define SHN_ABS         0xfff1
#define STB_LOCAL       0
#define STB_GLOBAL      1
#define STB_WEAK        2
#define STB_GNU_UNIQUE  10
#define STT_NOTYPE      0
#define STT_OBJECT      1
#define STT_FUNC        2
#define STT_SECTION     3
#define STT_TLS         6
#define STT_GNU_IFUNC   10
#define STV_DEFAULT     0
#define STV_PROTECTED   3
#define ELF64_ST_BIND(i)       ((i) >> 4)
#define ELF64_ST_TYPE(i)       ((i) & 0xf)
#define ELF64_ST_VISIBILITY(o) ((o) & 3)

/* Symbol versioning (LSB "Symbol Versioning") */
typedef struct {
    uint16_t vd_version, vd_flags, vd_ndx, vd_cnt;
    uint32_t vd_hash, vd_aux, vd_next;
} Elf64_Verdef;
typedef struct { uint32_t vda_name, vda_next; } Elf64_Verdaux;
typedef struct {
    uint16_t vn_version, vn_cnt;
    uint32_t vn_file, vn_aux, vn_next;
} Elf64_Verneed;
typedef struct {
    uint32_t vna_hash;
    uint16_t vna_flags, vna_other;
    uint32_t vna_name, vna_next;
} Elf64_Vernaux;

#define VER_FLG_BASE    0x1
#define VERSYM_HIDDEN   0x8000
#define VERSYM_VERSION  0x7fff

#endif
