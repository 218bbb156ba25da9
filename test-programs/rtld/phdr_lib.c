/* rtld test: libphdr, an object for dl_iterate_phdr to report (phdr.c). */
__thread int phdr_lib_tls = 9;

int phdr_lib_fn(void)
{
    return phdr_lib_tls;
}
