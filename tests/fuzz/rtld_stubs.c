/* What the fuzz harnesses need from rtld/main.c, rtld/alloc.c and the
 * system-call layer: configuration, logging, fatal-error reporting and
 * memory only.  Parsing, lookup
 * and relocation are the real rtld sources, compiled into each harness. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "alloc.h"
#include "musl/rtld_interface.h"
#include "reloc.h"
#include "rtld.h"
#include "tls_place.h"
#include "libsys/fmt.h"

/* rtld_config.platform is set by fuzz_search_path; debug stays 0 as in a
 * normal run (rtld_trace is then never called, as in rtld). */
struct rtld_config rtld_config = { .pagesz = 4096, .platform = "" };

void rtld_die(const struct load_error *err)
{
    fprintf(stderr, "rtld: %s: %s\n", err->file, err->msg);
    abort();    /* rtld_die is main.c's; parsing code must never call it */
}

/* main.c's: a missing symbol at start-up is reported and relocation goes
 * on (the harness runs as at start-up, rtld_config.running 0). */
void rtld_report(const struct load_error *err)
{
    (void)err;
}

void rtld_trace(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    fmt_vformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
}

/* rtld/reloc.c's protect_relro calls it; the harnesses never do. */
int sys_mprotect(void *addr, size_t len, int prot)
{
    (void)addr; (void)len; (void)prot;
    abort();
}

/* rtld/alloc.c's, zeroed as its blocks are (symbols.c's array of the
 * global scope); from the C library, so that ASan checks every access. */
void *rtld_alloc(size_t size)
{
    return calloc(1, size);
}

void rtld_free(void *p)
{
    free(p);
}

/* TLS descriptors (rtld/reloc_tlsdesc.c): the resolvers, of which only the
 * addresses are stored, rtld/interface.c's interface, of which only the
 * unload count's address is taken, and rtld/tls.c's __tls_get_addr
 * lookup, which finds none (no libc is loaded). */
void arch_tlsdesc_static(void) { abort(); }
void arch_tlsdesc_dynamic(void) { abort(); }
struct rtld_interface __rtld_interface;

uint64_t tls_get_addr_function(void)
{
    return 0;
}
