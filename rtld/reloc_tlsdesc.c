/* TLS descriptors (R_X86_64_TLSDESC, R_AARCH64_TLSDESC), for the CPUs that
 * have them (arch/<cpu>/meson.build arch_tlsdesc_flags).  A descriptor is two
 * words, { resolver, argument }; the code calls the resolver with the
 * descriptor's address (x86_64: in rax; aarch64: in x0) and adds what it
 * returns, the variable's offset from the thread pointer, to the thread
 * pointer (Oliva, Ferreira and Drepper, "Thread-Local Storage Descriptors
 * for IA32 and AMD64/EM64T"; AAELF64 for aarch64).  For a block in static
 * TLS the argument is that offset; for a module loaded by dlopen it is
 * module id << 32 | offset in the block, which the dynamic resolver looks
 * up in the thread's dtv (or has __tls_get_addr make).  A descriptor so
 * needs no memory of its own, at the price of 4 GiB limits on module ids
 * and block sizes. */
#include "musl/rtld_interface.h"
#include "reloc.h"
#include "rtld.h"
#include "tls_place.h"

uint64_t arch_tlsdesc_get_addr;
const size_t *arch_tlsdesc_unloads;

int reloc_tlsdesc(uint32_t type, const struct reloc *r, struct load_error *err)
{
    uint64_t word[2], A = (uint64_t)r->addend;
    if (reloc_place(type, r, 16, err))          /* the place's second word too */
        return -1;
    if (!r->rela)   /* a REL descriptor keeps its addend in the second word (musl) */
        __builtin_memcpy(&A, (const void *)(r->where + 8), 8);
    if (r->def && r->def->tls_id && !r->def->tls_static) {
        uint64_t off = r->value + A;
        if (r->def->tls_id >> 32 || off >> 32)
            return load_fail(err, LOAD_EXIT_NOEXEC, "%s of %s: module id or offset beyond "
                             "32 bits", arch_reloc_name(type), r->def->path);
        if (!arch_tlsdesc_get_addr && !(arch_tlsdesc_get_addr = tls_get_addr_function()))
            return load_fail(err, LOAD_EXIT_NOEXEC, "%s of %s, but no __tls_get_addr",
                             arch_reloc_name(type), r->def->path);
        arch_tlsdesc_unloads = &__rtld_interface.tls_generation;
        word[0] = (uint64_t)arch_tlsdesc_dynamic;
        word[1] = r->def->tls_id << 32 | off;
    } else {
        struct reloc in_place = *r;
        in_place.addend = (int64_t)A;
        if (reloc_tpoff(&in_place, &word[1], err))
            return -1;
        word[0] = (uint64_t)arch_tlsdesc_static;
    }
    __builtin_memcpy((void *)r->where, word, 16);
    return 0;
}
