"""riscv64 machine code for the test generators (see arch/x86_64/
test_code.py); encodings from the RISC-V unprivileged ISA, RV64I."""
import struct

ZERO, RA, SP, TP, T0, T1, T2, A0, A1, A2, A7 = 0, 1, 2, 4, 5, 6, 7, 10, 11, 12, 17


def itype(opcode, funct3, rd, rs1, imm):
    return (imm & 0xFFF) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode


def addi(rd, rs1, imm):
    return itype(0x13, 0, rd, rs1, imm)


def ld(rd, rs1, imm):
    return itype(0x03, 3, rd, rs1, imm)


def jalr(rd, rs1):
    return itype(0x67, 0, rd, rs1, 0)


def pcrel(rd, target, pc, second):
    """auipc rd, %pcrel_hi; then second(rd, %pcrel_lo): 8 bytes reaching
    target from pc"""
    off = target - pc
    hi = (off + 0x800) >> 12
    return [hi << 12 & 0xFFFFF000 | rd << 7 | 0x17, second(rd, off - (hi << 12))]


ECALL, UNIMP = 0x00000073, 0xC0001073
RET = jalr(ZERO, RA)


def words(*w):
    return struct.pack("<%dI" % len(w), *w)


def ret42(addr):
    """li a0, 42; ret"""
    return words(addi(A0, ZERO, 42), RET)


def write(addr, msg, length):
    """write(1, msg, length); ret -- a constructor"""
    return words(*pcrel(A1, msg, addr, lambda rd, lo: addi(rd, rd, lo)),
                 addi(A2, ZERO, length), addi(A0, ZERO, 1), addi(A7, ZERO, 64), ECALL, RET)


def entry(addr, iface_got, iface_offsets, fn_got):
    """A program's entry (see arch/x86_64/test_code.py); its thread
    pointer is 64 bytes reserved on the stack."""
    w = []
    if iface_offsets:
        w += [addi(SP, SP, -64), addi(TP, SP, 0)]
    for off in iface_offsets:
        w += pcrel(T0, iface_got, addr + 4 * len(w), lambda rd, lo: ld(rd, rd, lo))
        w += [ld(T1, T0, off), jalr(RA, T1)]
    if fn_got is not None:
        w += pcrel(T1, fn_got, addr + 4 * len(w), lambda rd, lo: ld(rd, rd, lo))
        w += [jalr(RA, T1), addi(T2, ZERO, 42),
              0x00751863]                       # bne a0, t2, over the exit_group(0)
    w += [addi(A0, ZERO, 0), addi(A7, ZERO, 94), ECALL]
    if fn_got is not None:
        w += [addi(A0, ZERO, 3), addi(A7, ZERO, 94), ECALL]
    return words(*w, UNIMP)
