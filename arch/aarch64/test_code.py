"""aarch64 machine code for the test generators (see arch/x86_64/
test_code.py); encodings from the Arm A64 instruction set reference."""
import struct

X0, X1, X2, X8, X9, X16 = 0, 1, 2, 8, 9, 16


def adr(rd, target, pc):
    imm = target - pc
    assert -(1 << 20) <= imm < (1 << 20)
    return 0x10000000 | (imm & 3) << 29 | ((imm >> 2) & 0x7FFFF) << 5 | rd


def movz(rd, imm):                      # mov xd, #imm
    return 0xD2800000 | imm << 5 | rd


def ldr(rt, rn, off):                   # ldr xt, [xn, #off]
    return 0xF9400000 | (off // 8) << 10 | rn << 5 | rt


def blr(rn):
    return 0xD63F0000 | rn << 5


SVC0, RET, UDF = 0xD4000001, 0xD65F03C0, 0x00000000


def words(*w):
    return struct.pack("<%dI" % len(w), *w)


def ret42(addr):
    """mov w0, #42; ret"""
    return words(0x52800540, RET)


def write(addr, msg, length):
    """write(1, msg, length); ret -- a constructor"""
    return words(adr(X1, msg, addr), movz(X2, length), movz(X0, 1), movz(X8, 64), SVC0, RET)


def entry(addr, iface_got, iface_offsets, fn_got):
    """A program's entry (see arch/x86_64/test_code.py); its thread
    pointer is 64 bytes reserved on the stack."""
    w = []
    if iface_offsets:
        w += [0xD10103FF,                       # sub sp, sp, #64
              0x910003E9,                       # mov x9, sp
              0xD51BD049]                       # msr tpidr_el0, x9
    for off in iface_offsets:
        w += [adr(X9, iface_got, addr + 4 * len(w)), ldr(X9, X9, 0), ldr(X16, X9, off), blr(X16)]
    if fn_got is not None:
        w += [adr(X16, fn_got, addr + 4 * len(w)), ldr(X16, X16, 0), blr(X16),
              0x7100A81F,                       # cmp w0, #42
              0x54000081]                       # b.ne over the exit_group(0)
    w += [movz(X0, 0), movz(X8, 94), SVC0]
    if fn_got is not None:
        w += [movz(X0, 3), movz(X8, 94), SVC0]
    return words(*w, UDF)
