#!/usr/bin/env python3
"""Write the seed corpus of the fuzz harnesses (tests/fuzz/corpus/HARNESS/).
Usage: gen_corpus.py [ELF ...]   (default /bin/true; only the first 4 KiB
of each ELF is kept).  The dynamic-section seeds are synthetic images laid
out as fuzz_dso.h describes."""
import os, struct, sys

here = os.path.dirname(os.path.abspath(__file__))

def put(h, name, data):
    d = os.path.join(here, 'corpus', h)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)

def phdr(t, fl, off, va, fs, ms, al):
    return struct.pack('<IIQQQQQQ', t, fl, off, va, va, fs, ms, al)

def ehdr(phnum, etype=3, entry=0x1000, phoff=64):
    ident = b'\x7fELF' + bytes([2, 1, 1, 0]) + bytes(8)
    return ident + struct.pack('<HHIQQQIHHHHHH', etype, 62, 1, entry, phoff, 0, 0, 64, 56,
                               phnum, 64, 0, 0)

# --- ELF headers ---------------------------------------------------------
elfs = sys.argv[1:] or ['/bin/true']
for i, path in enumerate(elfs):
    head = open(path, 'rb').read(4096)
    put('fuzz_elf_headers', 'real%d' % i, head)
    eh = head[:64]
    phoff, = struct.unpack_from('<Q', eh, 32)
    phnum, = struct.unpack_from('<H', eh, 56)
    phs = head[phoff:phoff + 56 * phnum]
    put('fuzz_segment_plan', 'real%d' % i, b'\0' + struct.pack('<Q', 1 << 20) + phs)
    put('fuzz_elf_headers', 'trunc%d' % i, head[:100])
text = phdr(1, 5, 0, 0, 0x1200, 0x1200, 0x1000)
data = phdr(1, 6, 0x1e00, 0x2e00, 0x100, 0x3000, 0x1000)
bss = phdr(1, 6, 0, 0x6000, 0, 0x2000, 0x1000)
interp = phdr(3, 4, 0x200, 0x200, 16, 16, 1)
stack = phdr(0x6474e551, 6, 0, 0, 0, 0, 16)
small = ehdr(5) + text + data + bss + interp + stack
small = small.ljust(0x200, b'\0') + b'/lib/ld-x.so.2\0\0'
put('fuzz_elf_headers', 'small', small.ljust(0x2000, b'\0'))
put('fuzz_elf_headers', 'class32', b'\x7fELF\x01\x01\x01' + bytes(60))
put('fuzz_elf_headers', 'overlap', (ehdr(2) + text + phdr(1, 6, 0, 0x1000, 0x100, 0x100, 0x1000)).ljust(0x1400, b'\0'))
put('fuzz_elf_headers', 'nophdr', ehdr(0))
put('fuzz_segment_plan', 'small', b'\0' + struct.pack('<Q', 0x2000) + text + data + bss + stack)
put('fuzz_segment_plan', 'page64k', b'\3' + struct.pack('<Q', 0x30000) +
    phdr(1, 5, 0, 0, 0x10100, 0x10100, 0x10000) + phdr(1, 6, 0x10100, 0x20100, 0x80, 0x5000, 0x10000))
put('fuzz_segment_plan', 'bssonly', b'\0' + struct.pack('<Q', 0x1000) +
    phdr(1, 4, 0, 0x1000, 0x10, 0x10, 0x1000) + phdr(1, 6, 0, 0x1010, 0, 0x3000, 0x1000))
# plan_page_writable: a read-only segment mapped after a writable one over its first page
put('fuzz_segment_plan', 'laterover', b'\0' + struct.pack('<Q', 0x3000) +
    phdr(1, 6, 0x1d70, 0x2d70, 0x200, 0x400, 0x1000) + phdr(1, 4, 0x1000, 0x2000, 0x10, 0x10, 0x1000))

# --- scripts -------------------------------------------------------------
for n, s in [('sh', b'#!/bin/sh\necho hi\n'), ('env', b'#! /usr/bin/env python3 -u \n'),
             ('tabs', b'#!\t/bin/awk\t-f\t\n'), ('empty', b'#!\n'), ('nul', b'#!\0/bin/sh\n'),
             ('long', b'#!/' + b'x' * 300), ('nonl', b'#!/bin/sh -e'),
             ('longarg', b'#!/bin/sh ' + b'a' * 260)]:
    put('fuzz_script', n, s)

# --- search paths --------------------------------------------------------
for n, flags, parts in [
        ('plain', 0, [b'/lib:/usr/lib', b'/opt/app', b'libc.so', b'x86_64']),
        ('vars', 0, [b'$ORIGIN/../lib:${LIB}/x:/p/$PLATFORM:${ORIGIN}', b'/opt/app/bin', b'libfoo.so.1', b'haswell']),
        ('noorigin', 1, [b'$ORIGIN:/lib;/usr/lib::', b'/o', b'libz.so', b'']),
        ('semi', 2 | (2 << 2), [b'a;b;c;${PLATFORM}', b'/', b'n', b'p']),
        ('bad', 0, [b'$FOO:${ORIGIN:$:${LIB', b'/x', b'y', b'z']),
        ('long', 0, [b'/' + b'd' * 3000 + b':$ORIGIN/' + b'e' * 100, b'/' + b'o' * 1500, b'n' * 1000, b'p'])]:
    put('fuzz_search_path', n, bytes([flags]) + b'\0'.join(parts))

# --- dynamic images ------------------------------------------------------
DT = dict(NULL=0, NEEDED=1, PLTRELSZ=2, HASH=4, STRTAB=5, SYMTAB=6, RELA=7, RELASZ=8,
          RELAENT=9, STRSZ=10, SYMENT=11, SONAME=14, RPATH=15, REL=17, RELSZ=18, PLTREL=20,
          RELENT=19, JMPREL=23, RUNPATH=29, RELRSZ=35, RELR=36, GNU_HASH=0x6ffffef5,
          VERSYM=0x6ffffff0, VERDEF=0x6ffffffc, VERNEED=0x6ffffffe)

def sysv_hash(s):
    h = 0
    for c in s:
        h = ((h << 4) + c) & 0xffffffff
        h ^= (h >> 24) & 0xf0
    return h & 0x0fffffff

def gnu_hash(s):
    h = 5381
    for c in s:
        h = (h * 33 + c) & 0xffffffff
    return h

def image(hash_style='both', versions=True, relocs=(), tls=False, main=False, relr=None,
          ifunc=False, rel=False, readonly=0):
    """rel: relocs as DT_REL (addends stored at the places); readonly: byte 7,
    the read-only share of the image in 256ths (fuzz_dso.h)."""
    """A small object: [0,8) parameters, then dynamic, strtab, symtab, hashes,
    versions, relocations, a data area; every address an image offset."""
    names = [b'', b'foo', b'bar', b'printf', b'environ', b'main']
    strtab = b'\0'
    stroff = {}
    for n in names[1:] + [b'libfuzz.so', b'V1', b'GLIBC_2.2.5', b'libc.so', b'$ORIGIN/lib']:
        stroff[n] = len(strtab)
        strtab += n + b'\0'
    out = bytearray(0x800)
    DYN, STR, SYM, HASH, GH, VS, VD, VN, REL, DATA = (0x08, 0x200, 0x280, 0x340, 0x380,
                                                      0x400, 0x420, 0x460, 0x500, 0x700)
    out[STR:STR + len(strtab)] = strtab
    syms = []
    for i, n in enumerate(names):
        if i == 0:
            syms.append(bytes(24))
            continue
        typ = 1 if n == b'environ' else 10 if ifunc and n == b'foo' else 2   # 10: STT_GNU_IFUNC
        shndx = 0 if n == b'printf' else 5
        value = 0 if n == b'printf' else DATA + 8 * i
        syms.append(struct.pack('<IBBHQQ', stroff[n], (1 << 4) | typ, 0, shndx, value, 8))
    out[SYM:SYM + 24 * len(syms)] = b''.join(syms)
    nsyms = len(syms)
    # SysV hash: nbucket 3
    nb = 3
    buckets, chain = [0] * nb, [0] * nsyms
    for i in range(nsyms - 1, 0, -1):
        b = sysv_hash(names[i]) % nb
        chain[i] = buckets[b]
        buckets[b] = i
    h = struct.pack('<II', nb, nsyms) + struct.pack('<%dI' % nb, *buckets) + struct.pack('<%dI' % nsyms, *chain)
    out[HASH:HASH + len(h)] = h
    # GNU hash: one bucket, symoffset 1, bloom 1 word, shift 6
    hs = [gnu_hash(n) for n in names[1:]]
    bloom = 0
    for x in hs:
        bloom |= 1 << (x & 63)
        bloom |= 1 << ((x >> 6) & 63)
    chains = [x & ~1 for x in hs]
    chains[-1] |= 1
    g = struct.pack('<IIII', 1, 1, 1, 6) + struct.pack('<Q', bloom) + struct.pack('<I', 1) + \
        struct.pack('<%dI' % len(chains), *chains)
    out[GH:GH + len(g)] = g
    dyn = [(DT['STRTAB'], STR), (DT['STRSZ'], len(strtab)), (DT['SYMTAB'], SYM), (DT['SYMENT'], 24),
           (DT['SONAME'], stroff[b'libfuzz.so']), (DT['NEEDED'], stroff[b'libc.so']),
           (DT['RUNPATH'], stroff[b'$ORIGIN/lib'])]
    if hash_style in ('both', 'sysv'):
        dyn.append((DT['HASH'], HASH))
    if hash_style in ('both', 'gnu'):
        dyn.append((DT['GNU_HASH'], GH))
    if versions:
        vs = [0, 2, 1, 3, 1, 1]
        out[VS:VS + 2 * nsyms] = struct.pack('<%dH' % nsyms, *vs)
        # verdef: base (ndx 1) then V1 (ndx 2)
        vd1 = struct.pack('<HHHHIII', 1, 1, 1, 1, sysv_hash(b'libfuzz.so'), 20, 28)
        vda1 = struct.pack('<II', stroff[b'libfuzz.so'], 0)
        vd2 = struct.pack('<HHHHIII', 1, 0, 2, 1, sysv_hash(b'V1'), 20, 0)
        vda2 = struct.pack('<II', stroff[b'V1'], 0)
        vdb = vd1 + vda1 + vd2 + vda2
        out[VD:VD + len(vdb)] = vdb
        vn = struct.pack('<HHIII', 1, 1, stroff[b'libc.so'], 16, 0)
        vna = struct.pack('<IHHII', sysv_hash(b'GLIBC_2.2.5'), 0, 3, stroff[b'GLIBC_2.2.5'], 0)
        out[VN:VN + 32] = vn + vna
        dyn += [(DT['VERSYM'], VS), (DT['VERDEF'], VD), (DT['VERNEED'], VN)]
    if rel:
        table = b''.join(struct.pack('<QQ', off, (sym << 32) | typ) for off, sym, typ, _ in relocs)
        for off, _, _, add in relocs:
            out[off:off + 8] = struct.pack('<q', add)
        tags = (DT['REL'], DT['RELSZ'], DT['RELENT'], 16)
    else:
        table = b''.join(struct.pack('<QQq', off, (sym << 32) | typ, add)
                         for off, sym, typ, add in relocs)
        tags = (DT['RELA'], DT['RELASZ'], DT['RELAENT'], 24)
    out[REL:REL + len(table)] = table
    if relocs:
        dyn += [(tags[0], REL), (tags[1], len(table)), (tags[2], tags[3])]
    if relr is not None:
        RR = 0x6c0
        rb = b''.join(struct.pack('<Q', x) for x in relr)
        out[RR:RR + len(rb)] = rb
        dyn += [(DT['RELR'], RR), (DT['RELRSZ'], len(rb))]
    dyn.append((DT['NULL'], 0))
    db = b''.join(struct.pack('<qQ', t, v) for t, v in dyn)
    out[DYN:DYN + len(db)] = db
    flags = (1 if main else 0) | (4 if tls else 0)
    out[0:8] = struct.pack('<IHBB', DYN, len(dyn), flags, readonly)
    return bytes(out)

DATA = 0x700
seeds = {
    'both': image(),
    'gnu': image(hash_style='gnu'),
    'sysv': image(hash_style='sysv', versions=False),
    'main': image(main=True),
    'relocs': image(relocs=[(DATA, 0, 8, 0x10), (DATA + 8, 1, 1, 4), (DATA + 16, 2, 6, 0),
                            (DATA + 24, 4, 7, 0), (DATA + 32, 1, 2, 0), (DATA + 40, 1, 10, 0),
                            (DATA + 48, 1, 11, 0), (DATA + 56, 1, 24, 0), (DATA + 64, 3, 1, 0)]),
    'tls': image(tls=True, relocs=[(DATA, 1, 16, 0), (DATA + 8, 1, 17, 0), (DATA + 16, 1, 18, 0)]),
    'copy': image(main=True, relocs=[(DATA + 72, 4, 5, 0)]),
    'relr': image(relr=[DATA, 0b1011, DATA + 0x40]),
    # R_X86_64_IRELATIVE (37) and a GLOB_DAT/JUMP_SLOT (6, 7) against an IFUNC
    # DT_REL with implicit addends; and the first half of the image read-only
    # (byte 7 = 128), so that places in it (the tables at 0x200-0x6ff) are refused
    'rel': image(rel=True, relocs=[(DATA, 0, 8, 0x10), (DATA + 8, 1, 1, 4), (DATA + 16, 2, 6, 0)]),
    'readonly': image(readonly=128, relocs=[(DATA, 0, 8, 0x10), (0x300, 1, 1, 0)]),
    'ifunc': image(ifunc=True, relocs=[(DATA, 0, 37, DATA + 0x10), (DATA + 8, 1, 6, 0),
                                       (DATA + 16, 1, 7, 0)]),
}
for n, s in seeds.items():
    put('fuzz_dynamic', n, s)
    put('fuzz_relocs', n, s)
put('fuzz_dynamic', 'nodyn', struct.pack('<IHBB', 0x10, 0, 0, 0) + bytes(64))

# --- vDSO images ---------------------------------------------------------
def vdso(func, code, hash_style='both', vaddr=0):
    """An image as the kernel maps a vDSO: one PT_LOAD from offset 0 (at
    vaddr), PT_DYNAMIC, symbol tables with func among other names, and
    func's code at 0x800; a page in all."""
    names = [b'', b'__vdso_time', func, b'__vdso_getcpu']
    strtab, stroff = b'\0', {}
    for n in names[1:]:
        stroff[n] = len(strtab)
        strtab += n + b'\0'
    out = bytearray(0x1000)
    DYN, STR, SYM, HASH, GH, CODE = 0x200, 0x300, 0x400, 0x500, 0x580, 0x800
    out[0:64] = ehdr(2, etype=3, entry=0, phoff=64)
    out[64:64 + 112] = phdr(1, 5, 0, vaddr, 0x1000, 0x1000, 0x1000) + \
        phdr(2, 4, DYN, vaddr + DYN, 0x60, 0x60, 8)
    out[STR:STR + len(strtab)] = strtab
    for i, n in enumerate(names[1:], 1):
        value, size = (CODE, len(code)) if n == func else (CODE + len(code), 1)
        out[SYM + 24 * i:SYM + 24 * i + 24] = struct.pack('<IBBHQQ', stroff[n], (1 << 4) | 2, 0,
                                                          7, vaddr + value, size)
    nb = 1      # one bucket each: every symbol on one chain
    h = struct.pack('<IIII', nb, len(names), 1, 0) + struct.pack('<3I', 2, 3, 0)
    out[HASH:HASH + len(h)] = h
    hs = [gnu_hash(n) for n in names[1:]]
    bloom = 0
    for x in hs:
        bloom |= 1 << (x & 63) | 1 << ((x >> 6) & 63)
    g = struct.pack('<IIIIQI', nb, 1, 1, 6, bloom, 1) + \
        struct.pack('<3I', hs[0] & ~1, hs[1] & ~1, hs[2] | 1)
    out[GH:GH + len(g)] = g
    dyn = [(DT['STRTAB'], vaddr + STR), (DT['SYMTAB'], vaddr + SYM), (DT['STRSZ'], len(strtab))]
    if hash_style in ('both', 'sysv'):
        dyn.append((DT['HASH'], vaddr + HASH))
    if hash_style in ('both', 'gnu'):
        dyn.append((DT['GNU_HASH'], vaddr + GH))
    db = b''.join(struct.pack('<qQ', t, v) for t, v in dyn + [(0, 0)])
    out[DYN:DYN + len(db)] = db
    out[CODE:CODE + len(code)] = code
    return bytes(out)

# each CPU's clock_getres slow path: the system call, then a return
x86 = bytes.fromhex('b8e50000000f0531d24531dbc3')      # mov $229,%eax; syscall; xor; xor; ret
x86_rbp = bytes.fromhex('55b8e50000000f0531c95dc3')     # push %rbp; ...; syscall; xor; pop; ret
arm64 = struct.pack('<3I', 0xd2800e48, 0xd4000001, 0xd65f03c0)   # mov x8, #114; svc #0; ret
rv64 = struct.pack('<IIH', 0x07200893, 0x00000073, 0x8082)       # li a7, 114; ecall; ret
def test_code(cpu, array, fmt):
    """A function's code as a CPU's unit test (arch/CPU/test_exit_gadget.c)
    has it, in its array `array` of words packed with fmt ('H' or 'I')."""
    import re
    src = open(os.path.join(here, '..', '..', 'arch', cpu, 'test_exit_gadget.c')).read()
    body = re.search(r'\b%s\[\] = \{([^}]*)\}' % array, src).group(1)
    macros = dict(re.findall(r'#define (\w+)\s+(0x[0-9a-f]+)u?\b', src))
    words = [int(macros.get(w, w), 16) for w in re.findall(r'\w+', body)]
    return struct.pack('<%d%s' % (len(words), fmt), *words)

# as kernels have them: Debian 6.1's arm64 tail with autiasp; Debian 6.12's
# whole riscv64 function, 7.2's CFI tail; and 32-bit riscv64 forms
arm64_pac = test_code('aarch64', 'debian', 'I')
rv64_6_12 = test_code('riscv64', 'debian_6_12', 'H')
rv64_cfi = test_code('riscv64', 'debian_7_2_cfi_tail', 'H')
rv64_wide = struct.pack('<12H', 0x0073, 0x0000, 0x3083, 0x0081, 0x3403, 0x0001, 0x051b,
                        0x0005, 0x0113, 0x0101, 0x8067, 0x0000)
for n, args in [('x86_64', (b'__vdso_clock_getres', x86)),
                ('aarch64-pac', (b'__kernel_clock_getres', arm64_pac, 'sysv')),
                ('riscv64-6.12', (b'__vdso_clock_getres', rv64_6_12, 'gnu')),
                ('riscv64-cfi', (b'__vdso_clock_getres', rv64_cfi, 'gnu')),
                ('riscv64-wide', (b'__vdso_clock_getres', rv64_wide, 'both')),
                ('x86_64-rbp', (b'__vdso_clock_getres', x86_rbp, 'gnu', 0xffffffffff700000)),
                ('aarch64', (b'__kernel_clock_getres', arm64, 'sysv')),
                ('riscv64', (b'__vdso_clock_getres', rv64, 'gnu')),
                ('riscv64-both', (b'__vdso_clock_getres', rv64, 'both', 0x1000))]:
    for cpu in ('x86_64', 'aarch64', 'riscv64'):     # the others' images: misses
        put('fuzz_vdso_exit_' + cpu, n, vdso(*args))
