/* musl 1.2.3's facts about x86_64 that rtld/musl/glue.c needs (musl's
 * arch/x86_64/pthread_arch.h and src/internal/pthread_impl.h). */
#ifndef GLUE_ARCH_H
#define GLUE_ARCH_H

#define MUSL_PTHREAD_SIZE 200   /* sizeof(struct pthread) */
#define MUSL_DTP_OFFSET   0     /* dtv entries point at their blocks */
/* The calling thread's dtv pointer, in words from the thread pointer:
 * struct pthread's second word, the thread pointer (%fs base) being the
 * struct's address (TLS variant II). */
#define MUSL_DTV_SLOT     (1)

#endif
