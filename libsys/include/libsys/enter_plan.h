/* The last steps before a program's first instruction, run by
 * arch_enter() (arch/<cpu>/enter.*): a few system calls, then the initial
 * stack image copied into place, the registers cleared and the jump.
 * The loader runs a copy of arch_enter from anonymous memory, so that the
 * steps can unmap the loader's own file; that copy can remove itself too
 * when code that stays mapped can make the last system call and return to
 * the entry point for it (the plan's exit, loader/vdso_exit.h). */
#ifndef LIBSYS_ENTER_PLAN_H
#define LIBSYS_ENTER_PLAN_H

#include <stdint.h>

#define ENTER_MAX_STEPS 8

struct enter_step {
    int64_t nr;                 /* system call number */
    int64_t arg[6];
    int64_t fallback;           /* run only when the last step without this
                                   flag returned -errno */
};

struct enter_plan {
    const void *image;          /* the initial stack image */
    uint64_t    len;            /* its size, a multiple of 8 */
    uint64_t    sp;             /* where it goes: the entry stack pointer */
    uint64_t    entry;
    uint64_t    nsteps;
    struct enter_step step[ENTER_MAX_STEPS];
    /* The last system call, made after the jump, by the code at exit_via
     * (0: none): a system-call instruction followed by a return, which
     * arch_enter points at the entry point; that code pops exit_frame
     * words before its own return (arch_exit_gadget). */
    uint64_t    exit_via, exit_frame;
    int64_t     exit_nr, exit_arg[2];
};

/* The layout arch_enter reads (arch/x86_64/enter.asm's header comment). */
_Static_assert(sizeof(struct enter_step) == 64, "enter_step layout");
_Static_assert(__builtin_offsetof(struct enter_plan, step) == 40, "enter_plan layout");
_Static_assert(__builtin_offsetof(struct enter_plan, exit_via) == 40 + 64 * ENTER_MAX_STEPS,
               "enter_plan layout");

/* Run the plan; never returns.  Its code lies in [arch_enter, arch_enter_end)
 * and refers to nothing outside.  Hidden, as defined: their addresses are
 * then PC-relative, not GOT entries the loader would have to relocate. */
__attribute__((noreturn, visibility("hidden"))) void arch_enter(const struct enter_plan *plan);
extern const char arch_enter_end[] __attribute__((visibility("hidden")));

#endif
