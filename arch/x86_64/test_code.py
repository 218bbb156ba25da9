"""x86_64 machine code for the test generators (tests/badso/elfbuild.py):
each function returns the bytes of a fixed-size piece of code placed at
addr, whose size does not depend on the addresses."""
import struct

EXIT0 = bytes.fromhex("31ffb8e70000000f05")            # exit_group(0)


def rel32(target, next_insn):
    return struct.pack("<i", target - next_insn)


def ret42(addr):
    """mov eax, 42; ret"""
    return bytes.fromhex("b82a000000c3")


def write(addr, msg, length):
    """write(1, msg, length); ret -- a constructor"""
    return (bytes.fromhex("488d35") + rel32(msg, addr + 7)         # lea rsi, [rip+msg]
            + bytes.fromhex("ba") + struct.pack("<I", length)      # mov edx, length
            + bytes.fromhex("bf01000000b8010000000f05c3"))         # edi=1, eax=1, syscall, ret


# The thread pointer our libc.so sets before it runs constructors (musl's
# __init_tp; rtld's locks name a thread by it): a word on the stack that
# points to itself, the x86_64 TLS ABI's fs:0.
SET_TP = bytes.fromhex(
    "4883ec40"          # sub rsp, 64 (keeps the 16-byte alignment)
    "48892424"          # mov [rsp], rsp
    "4889e6"            # mov rsi, rsp
    "bf02100000"        # mov edi, ARCH_SET_FS (0x1002)
    "b89e000000"        # mov eax, __NR_arch_prctl (158)
    "0f05")             # syscall


def entry(addr, iface_got, iface_offsets, fn_got):
    """A program's entry: with iface_offsets, set a thread pointer and call
    the function at each offset of the struct whose address is in the GOT
    slot iface_got; then, with fn_got, call the function whose address is
    there and exit 0 if it returned 42, else 3."""
    c = SET_TP if iface_offsets else b""
    for off in iface_offsets:
        c += bytes.fromhex("488b05") + rel32(iface_got, addr + len(c) + 7)    # mov rax, [rip+got]
        c += bytes.fromhex("ff50") + bytes([off])                           # call [rax+off]
    if fn_got is not None:
        c += bytes.fromhex("ff15") + rel32(fn_got, addr + len(c) + 6)       # call [rip+got_fn]
        c += bytes.fromhex("83f82a" "7509")                                 # cmp eax,42; jne +9
    c += EXIT0
    if fn_got is not None:
        c += bytes.fromhex("bf03000000b8e70000000f05")                      # exit_group(3)
    return c + bytes.fromhex("0f0b")                                        # ud2
