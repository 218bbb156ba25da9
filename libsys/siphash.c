/* SipHash-2-4, as specified in the paper (section 2): the key read as two
 * little-endian words, the message in 8-byte little-endian blocks, the
 * last block holding its remaining bytes and the length's low byte on top;
 * two SipRounds per block, four to finish. */
#include "libsys/siphash.h"

static uint64_t rotl(uint64_t x, int b) { return x << b | x >> (64 - b); }

/* The CPUs we run on are little-endian (x86_64, aarch64, riscv64 psABIs) */
static uint64_t load_le64(const unsigned char *p)
{
    uint64_t v;
    __builtin_memcpy(&v, p, 8);
    return v;
}

struct sip { uint64_t v0, v1, v2, v3; };

static void rounds(struct sip *s, int n)
{
    while (n--) {
        s->v0 += s->v1; s->v1 = rotl(s->v1, 13); s->v1 ^= s->v0; s->v0 = rotl(s->v0, 32);
        s->v2 += s->v3; s->v3 = rotl(s->v3, 16); s->v3 ^= s->v2;
        s->v0 += s->v3; s->v3 = rotl(s->v3, 21); s->v3 ^= s->v0;
        s->v2 += s->v1; s->v1 = rotl(s->v1, 17); s->v1 ^= s->v2; s->v2 = rotl(s->v2, 32);
    }
}

static void compress(struct sip *s, uint64_t m)
{
    s->v3 ^= m;
    rounds(s, 2);
    s->v0 ^= m;
}

uint64_t siphash24(const void *key, const void *msg, size_t len)
{
    const unsigned char *k = key, *m = msg;
    uint64_t k0 = load_le64(k), k1 = load_le64(k + 8);
    /* the initial state: the key against "somepseudorandomlygeneratedbytes" */
    struct sip s = { k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull,
                     k0 ^ 0x6c7967656e657261ull, k1 ^ 0x7465646279746573ull };
    size_t full = len & ~(size_t)7;
    for (size_t i = 0; i < full; i += 8)
        compress(&s, load_le64(m + i));
    uint64_t last = (uint64_t)len << 56;
    for (size_t i = full; i < len; i++)
        last |= (uint64_t)m[i] << 8 * (i - full);
    compress(&s, last);
    s.v2 ^= 0xff;
    rounds(&s, 4);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}
