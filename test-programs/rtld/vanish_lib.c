/* rtld test: libvanish.  Built twice under the soname libvanish.so: with
 * vanish_fn() for linking the program, and without (-DSTUB) for running
 * it, so the program's reference cannot be resolved. */
int vanish_other(void)
{
    return 2;
}

#ifndef STUB
int vanish_fn(void)
{
    return 1;
}

int vanish_fn2(void)
{
    return 3;
}
#endif
