/* __ctzdi2, the count of trailing zero bits gcc calls for __builtin_ctzll
 * (libsys/mem.c) on RV64GC, which has no instruction for it (Zbb's ctz);
 * libgcc has it, but the freestanding code links no libgcc.  x != 0, as
 * for the builtin.  The lowest set bit times a de Bruijn sequence leaves a
 * distinct 6-bit number at the top (Leiserson, Prokop and Randall, "Using
 * de Bruijn Sequences to Index a 1 in a Computer Word", 1998). */
int __ctzdi2(unsigned long long x);

int __ctzdi2(unsigned long long x)
{
    static const unsigned char bit[64] = {
         0,  1, 48,  2, 57, 49, 28,  3, 61, 58, 50, 42, 38, 29, 17,  4,
        62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12,  5,
        63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
        46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19,  9, 13,  8,  7,  6,
    };
    return bit[((x & -x) * 0x03f79d71b4cb0a89ull) >> 58];
}
