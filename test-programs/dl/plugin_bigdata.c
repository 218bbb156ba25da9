/* A plugin with 8 MiB of .bss, which it dirties. */
static char data[8 << 20];

int bigdata_dirty(void)
{
    for (unsigned long i = 0; i < sizeof data; i += 4096)
        data[i] = 1;
    return data[4096] - 1;
}
