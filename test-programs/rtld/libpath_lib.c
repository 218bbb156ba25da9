/* rtld test: libpath, found only through LD_LIBRARY_PATH (or rtld's
 * --library-path): the program has no rpath. */
int libpath_value(int x)
{
    return x * 3 + 1;
}
