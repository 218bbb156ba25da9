#!/usr/bin/env python3
"""Write COUNT shared libraries that each need SEGMENTS mappings, so that
loading them all fills a process's map count (vm.max_map_count, 65530 by
default) without changing that system-wide setting.
Usage: many_segments.py DIR COUNT SEGMENTS   (writes DIR/libmanyN.so)

Each library is valid and empty (no symbols) and needs the next one
(DT_NEEDED libmanyN+1.so), so that loading libmany0.so loads them all: its
first PT_LOAD holds the headers and the dynamic section; every other PT_LOAD
maps the file's first page again, at the next page.  Mappings of a file
merge only when their file offsets continue each other (mm/vma.c), so each
such PT_LOAD stays a mapping of its own."""
import os
import struct
import sys

PAGE = 4096
PT_LOAD, PT_DYNAMIC = 1, 2
PF_R = 4
DT_NULL, DT_NEEDED, DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT = 0, 1, 4, 5, 6, 10, 11


def library(segments, needed):
    phnum = segments + 1
    ndyn = 6 + bool(needed)
    strtab = b"\0" + (needed.encode() + b"\0" if needed else b"")
    dyn_off = (64 + 56 * phnum + 7) & ~7
    strtab_off = dyn_off + 16 * ndyn
    symtab_off = (strtab_off + len(strtab) + 7) & ~7
    hash_off = symtab_off + 24          # one symbol: the null symbol (gABI)
    size = (hash_off + 16 + PAGE - 1) & ~(PAGE - 1)
    ph = [(PT_LOAD, PF_R, 0, 0, size, size, PAGE)]
    ph += [(PT_LOAD, PF_R, 0, size + k * PAGE, PAGE, PAGE, PAGE) for k in range(segments - 1)]
    ph.append((PT_DYNAMIC, PF_R, dyn_off, dyn_off, 16 * ndyn, 16 * ndyn, 8))
    img = bytearray(size)
    img[0:64] = struct.pack("<16sHHIQQQIHHHHHH", b"\x7fELF\x02\x01\x01" + bytes(9),
                            3, 62, 1, 0, 64, 0, 0, 64, 56, len(ph), 64, 0, 0)
    img[64:64 + 56 * len(ph)] = b"".join(
        struct.pack("<IIQQQQQQ", t, f, o, v, v, fs, ms, a) for t, f, o, v, fs, ms, a in ph)
    dyn = [(DT_NEEDED, 1)] if needed else []
    dyn += [(DT_HASH, hash_off), (DT_STRTAB, strtab_off), (DT_SYMTAB, symtab_off),
            (DT_STRSZ, len(strtab)), (DT_SYMENT, 24), (DT_NULL, 0)]
    img[dyn_off:dyn_off + 16 * ndyn] = b"".join(struct.pack("<qQ", t, v) for t, v in dyn)
    img[strtab_off:strtab_off + len(strtab)] = strtab
    img[hash_off:hash_off + 16] = struct.pack("<IIII", 1, 1, 0, 0)   # nbucket 1, nchain 1
    return bytes(img)


def main():
    out, count, segments = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(count):
        with open(os.path.join(out, "libmany%d.so" % i), "wb") as f:
            f.write(library(segments, "libmany%d.so" % (i + 1) if i + 1 < count else None))


main()
