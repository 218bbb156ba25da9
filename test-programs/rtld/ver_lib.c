/* rtld test: symbol versions.  Built twice under the soname libver.so:
 * libver_v1.so (-DOLD) defines ver_fn@@VER_1 only; libver.so keeps that
 * one as the compatibility version ver_fn@VER_1 and makes ver_fn@@VER_2
 * the default.  A program linked against the old library asks for
 * ver_fn@VER_1 and must get it from the new one. */
#ifdef OLD
const char *ver_fn(void)
{
    return "ver_fn@@VER_1 of the old libver";
}
#else
const char *ver_fn_1(void)
{
    return "ver_fn@VER_1, the compatibility version";
}

const char *ver_fn_2(void)
{
    return "ver_fn@@VER_2, the default version";
}

__asm__(".symver ver_fn_1, ver_fn@VER_1");
__asm__(".symver ver_fn_2, ver_fn@@VER_2");
#endif
