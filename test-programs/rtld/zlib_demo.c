/* rtld test: a real library -- zlib, built from Debian's source with
 * musl-gcc as libz.so.1 with zlib's version script (see build-zlib.sh) --
 * used the usual ways: one-shot compress/uncompress, streaming deflate and
 * inflate, checksums, and a gzip file written and read back (in the
 * current directory, which the test makes a fresh one). */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

static unsigned char text[20000], packed[30000], unpacked[20000];

int main(void)
{
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = "the quick brown fox jumps over the lazy dog\n"[i % 44] ^ (i % 1000 == 0);
    printf("zlib %s\n", zlibVersion());
    printf("crc32 %08lx adler32 %08lx\n", crc32(0, text, sizeof text), adler32(1, text, sizeof text));

    uLongf plen = sizeof packed, ulen = sizeof unpacked;
    int r1 = compress2(packed, &plen, text, sizeof text, 9);
    int r2 = uncompress(unpacked, &ulen, packed, plen);
    printf("compress2: %d, %lu -> %lu bytes; uncompress: %d, %lu bytes, %s\n", r1,
           (unsigned long)sizeof text, (unsigned long)plen, r2, (unsigned long)ulen,
           ulen == sizeof text && !memcmp(text, unpacked, ulen) ? "identical" : "DIFFERENT");

    z_stream d = { 0 }, in = { 0 };
    deflateInit2(&d, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  /* gzip wrapper */
    d.next_out = packed;
    d.avail_out = sizeof packed;
    for (size_t off = 0; off < sizeof text; off += 1000) {      /* in pieces */
        d.next_in = text + off;
        d.avail_in = 1000;
        deflate(&d, off + 1000 < sizeof text ? Z_NO_FLUSH : Z_FINISH);
    }
    unsigned long gz_len = d.total_out;
    deflateEnd(&d);
    inflateInit2(&in, 15 + 32);         /* detect the wrapper */
    in.next_in = packed;
    in.avail_in = (uInt)gz_len;
    in.next_out = unpacked;
    in.avail_out = sizeof unpacked;
    int r3 = inflate(&in, Z_FINISH);
    printf("stream: %lu bytes of gzip; inflate: %s, %lu bytes, %s\n", gz_len,
           r3 == Z_STREAM_END ? "end of stream" : "error", in.total_out,
           !memcmp(text, unpacked, sizeof text) ? "identical" : "DIFFERENT");
    inflateEnd(&in);

    gzFile f = gzopen("zlib_demo.gz", "wb9");
    if (!f)
        return 1;
    gzprintf(f, "line %d of %s\n", 1, "gzprintf");
    gzwrite(f, text, 5000);
    gzclose(f);
    char line[64];
    f = gzopen("zlib_demo.gz", "rb");
    if (!f)
        return 1;
    printf("gz file: \"%s\"", gzgets(f, line, sizeof line) ? strtok(line, "\n") : "(nothing)");
    int n = gzread(f, unpacked, sizeof unpacked);
    printf(", then %d bytes, %s\n", n, n == 5000 && !memcmp(text, unpacked, 5000) ? "identical" : "DIFFERENT");
    gzclose(f);
    remove("zlib_demo.gz");
    return 0;
}
