/* rtld test for fault injection (tests/resources/fault_sweep.py): prints
 * nothing and makes no system call of its own, so that an error injected
 * into any system call of the loader or rtld can only show in how they
 * handle it.  Its libraries still need what real ones do: TLS in the
 * general-dynamic and initial-exec models, lookups across objects, RELRO
 * and our libc.so's startup.  Status 0 when their TLS is as initialised. */
int gd_check_initial(void);
int ie_check_initial(void);

int main(void)
{
    return !(gd_check_initial() && ie_check_initial());
}
