/* musl 1.2.3's facts about aarch64 that rtld/musl/glue.c needs (musl's
 * arch/aarch64/pthread_arch.h and src/internal/pthread_impl.h). */
#ifndef GLUE_ARCH_H
#define GLUE_ARCH_H

#define MUSL_PTHREAD_SIZE 200   /* sizeof(struct pthread) */
#define MUSL_DTP_OFFSET   0     /* dtv entries point at their blocks */
/* The calling thread's dtv pointer, in words from the thread pointer:
 * TLS_ABOVE_TP: struct pthread ends at the thread pointer and the
 * dtv is its last word. */
#define MUSL_DTV_SLOT     (-1)

#endif
