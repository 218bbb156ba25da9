/* SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * 2012): a keyed function whose 64-bit output tells nothing of its
 * 128-bit key, used to draw several independent random values from the
 * 16 random bytes the kernel gives an execve (AT_RANDOM). */
#ifndef LIBSYS_SIPHASH_H
#define LIBSYS_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

/* The tag of the len bytes at msg under the 16-byte key (any alignment) */
uint64_t siphash24(const void *key, const void *msg, size_t len);

#endif
