/* libsys/siphash.c against the authors' test vectors (the paper's
 * appendix A and the reference implementation's vectors.h): the key
 * 00 01 ... 0f, the message 00 01 ... of each length. */
#include <criterion/criterion.h>
#include <stdint.h>
#include "libsys/siphash.h"

static const unsigned char key[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
static const unsigned char msg[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

Test(siphash, empty_message)
{
    cr_assert_eq(siphash24(key, msg, 0), 0x726fdb47dd0e0e31ull);
}

Test(siphash, one_block_and_the_length_block)
{
    cr_assert_eq(siphash24(key, msg, 8), 0x93f5f5799a932462ull);
}

Test(siphash, the_papers_example_of_15_bytes)
{
    cr_assert_eq(siphash24(key, msg, 15), 0xa129ca6149be45e5ull);
}

Test(siphash, unaligned_key_and_message)
{
    unsigned char buf[40];
    for (int i = 0; i < 16; i++) {
        buf[1 + i] = key[i];
        buf[19 + i] = msg[i];
    }
    cr_assert_eq(siphash24(buf + 1, buf + 19, 15), 0xa129ca6149be45e5ull);
}
