#include "arch.h"
#include "libsys/elf_defs.h"
#include "libsys/mem.h"
#include "elf_validate.h"
#include "vdso_exit.h"

/* The kernel maps the vDSO as its whole file, one PT_LOAD from offset 0
 * (the kernel's arch/<cpu>/.../vdso.lds.S): a vaddr v is at
 * vdso + v - that PT_LOAD's p_vaddr, as glibc's setup_vdso computes it.
 * Everything looked at must lie in [0, extent) of the image. */
struct image {
    uint64_t base, bias, extent;
};

static int inside(const struct image *im, uint64_t vaddr, uint64_t size)
{
    uint64_t off = vaddr - im->bias;
    return off <= im->extent && size <= im->extent - off;
}

/* The function to look for ("": none on this CPU) and the hashes of its
 * name the CPU's arch.h gives (the unit test checks them) */
static const char name[] = ARCH_VDSO_EXIT_FUNCTION;
#define NAME_LEN (sizeof name - 1)
_Static_assert(sizeof name == 1 || sizeof name >= 8, "is_name reads whole words");

/* Whether the table at vaddr lacks its alignment (a power of two): the
 * image's base is a page's start, so the offset's alignment is the table's */
static int misaligned(const struct image *im, uint64_t vaddr, uint64_t align)
{
    return (vaddr - im->bias) & (align - 1);
}

static const void *at(const struct image *im, uint64_t vaddr)
{
    return (const void *)(im->base + vaddr - im->bias);
}

/* What the vDSO's PT_DYNAMIC says about its symbols (0: absent). */
struct symbols {
    uint64_t hash, gnu_hash, symtab, strtab, strsz;
};

/* Whether s is the name, its NUL included (the caller checked that the
 * string table holds sizeof name bytes from s): compared a word at a time,
 * the last word ending at the NUL */
static int is_name(const char *s)
{
    uint64_t a, b, diff = 0;
    size_t i = 0;
    for (; i + 8 < sizeof name; i += 8) {
        __builtin_memcpy(&a, s + i, 8);
        __builtin_memcpy(&b, name + i, 8);
        diff |= a ^ b;
    }
    __builtin_memcpy(&a, s + sizeof name - 8, 8);
    __builtin_memcpy(&b, name + sizeof name - 8, 8);
    return !(diff | (a ^ b));
}

/* Symbol i, when it lies in the image and is the function looked for. */
static const Elf64_Sym *exit_function(const struct image *im, const struct symbols *t, uint64_t i)
{
    const Elf64_Sym *sym = at(im, t->symtab + i * sizeof *sym);
    const char *str = at(im, t->strtab);
    if (!inside(im, t->symtab + i * sizeof *sym, sizeof *sym) ||
        sym->st_name >= t->strsz - NAME_LEN ||
        !is_name(str + sym->st_name) ||
        ELF64_ST_TYPE(sym->st_info) != STT_FUNC || sym->st_shndx == SHN_UNDEF ||
        !inside(im, sym->st_value, sym->st_size))
        return 0;
    return sym;
}

/* DT_GNU_HASH (the GNU hash section: nbuckets, symoffset, bloom_size,
 * bloom_shift, bloom[bloom_size] of 64-bit words, buckets[nbuckets], then
 * one word per symbol from symoffset on: its hash with bit 0 set on a
 * chain's last symbol).  The Bloom filter is not consulted: the function
 * is expected to be there. */
static const Elf64_Sym *by_gnu_hash(const struct image *im, const struct symbols *t)
{
    const uint32_t *h = at(im, t->gnu_hash);
    if (misaligned(im, t->gnu_hash, 4) || !inside(im, t->gnu_hash, 16) || !h[0] ||
        !inside(im, t->gnu_hash, 16 + 8 * (uint64_t)h[2] + 4 * (uint64_t)h[0]))
        return 0;
    uint64_t buckets = t->gnu_hash + 16 + 8 * (uint64_t)h[2], symoffset = h[1];
    uint64_t i = ((const uint32_t *)at(im, buckets))[ARCH_VDSO_EXIT_GNU_HASH % h[0]];
    uint64_t chain = buckets + 4 * (uint64_t)h[0] - 4 * symoffset;    /* chain[i]: symbol i's */
    /* an empty bucket has no symbols; the image's end bounds a chain whose
     * last word is missing */
    uint64_t end = (im->bias + im->extent - chain) / 4;
    for (i = i < symoffset ? end : i; i < end; i++) {
        uint32_t c = *(const uint32_t *)at(im, chain + 4 * i);
        const Elf64_Sym *sym;
        if ((c | 1) == (ARCH_VDSO_EXIT_GNU_HASH | 1) && (sym = exit_function(im, t, i)))
            return sym;
        if (c & 1)
            break;
    }
    return 0;
}

/* DT_HASH (gABI "Hash Table": nbucket, nchain, bucket[nbucket],
 * chain[nchain]), a chain followed at most nchain steps. */
static const Elf64_Sym *by_sysv_hash(const struct image *im, const struct symbols *t)
{
    const uint32_t *h = at(im, t->hash);
    if (misaligned(im, t->hash, 4) || !inside(im, t->hash, 8) || !h[0] ||
        !inside(im, t->hash, 8 + 4 * ((uint64_t)h[0] + h[1])))
        return 0;
    const uint32_t *chain = h + 2 + h[0];
    uint32_t nchain = h[1], i = h[2 + ARCH_VDSO_EXIT_HASH % h[0]];
    for (uint32_t steps = nchain; i && i < nchain && steps; i = chain[i], steps--) {
        const Elf64_Sym *sym = exit_function(im, t, i);
        if (sym)
            return sym;
    }
    return 0;
}

/* The function in the vDSO's dynamic symbol table, through DT_GNU_HASH
 * when it has one (Debian's riscv64 7.2 kernel has no other), else
 * DT_HASH (arm64 kernels link theirs with --hash-style=sysv). */
static const Elf64_Sym *function(const struct image *im, uint64_t dyn_vaddr, uint64_t dyn_size)
{
    uint64_t hash = 0, gnu_hash = 0, symtab = 0, strtab = 0, strsz = 0;
    enum { SYMTAB = 1, STRTAB = 2, STRSZ = 4, TABLES = 7 };
    unsigned seen = 0;
    const Elf64_Dyn *d = at(im, dyn_vaddr), *end = d + dyn_size / sizeof *d;
    /* read until the tables and a hash table are known */
    for (; d < end && d->d_tag != DT_NULL; d++) {
        switch (d->d_tag) {
        case DT_HASH:     hash = d->d_val;     continue;
        case DT_GNU_HASH: gnu_hash = d->d_val; continue;
        case DT_SYMTAB:   symtab = d->d_val;   seen |= SYMTAB; break;
        case DT_STRTAB:   strtab = d->d_val;   seen |= STRTAB; break;
        case DT_STRSZ:    strsz = d->d_val;    seen |= STRSZ;  break;
        default:          continue;
        }
        if (seen == TABLES && (hash | gnu_hash))
            break;
    }
    struct symbols t = { hash, gnu_hash, symtab, strtab, strsz };
    if (seen != TABLES || !inside(im, t.strtab, t.strsz) || t.strsz <= NAME_LEN ||
        misaligned(im, t.symtab, 8))
        return 0;
    return t.gnu_hash ? by_gnu_hash(im, &t) : t.hash ? by_sysv_hash(im, &t) : 0;
}

uint64_t vdso_exit_find(uint64_t vdso, uint64_t *frame)
{
    if (sizeof name == 1)
        return 0;
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)vdso;
    const Elf64_Phdr *ph = elf_vdso_phdrs(eh);
    if (!ph)
        return 0;
    struct image im = { vdso, 0, 0 };
    const Elf64_Phdr *dyn = 0;
    /* (the gABI allows one PT_DYNAMIC: the first is taken) */
    for (unsigned i = 0; i < eh->e_phnum && !(dyn && im.extent); i++) {
        if (ph[i].p_type == PT_LOAD && !im.extent && ph[i].p_offset == 0) {
            im.bias = ph[i].p_vaddr;
            im.extent = ph[i].p_filesz;
        }
        if (ph[i].p_type == PT_DYNAMIC && !dyn)
            dyn = &ph[i];
    }
    if (!dyn || !inside(&im, dyn->p_vaddr, dyn->p_filesz) || misaligned(&im, dyn->p_vaddr, 8))
        return 0;
    const Elf64_Sym *fn = function(&im, dyn->p_vaddr, dyn->p_filesz);
    if (!fn)
        return 0;
    return (uint64_t)arch_exit_gadget((const unsigned char *)(vdso + fn->st_value - im.bias),
                                      fn->st_size, frame);
}
