#!/usr/bin/env python3
"""The loader's own image is laid out so that a run touches few of its
pages (each touched page is a page fault of every program it starts):
- no dynamic relocation: the loader does not relocate itself, so no page of
  its file is read for relocations or written (start_main has no
  self_relocate);
- its headers, code and read-only data in one read-only PT_LOAD: one
  mapping, which the kernel maps around the first fault;
- the variables every run writes in section .bss.hot, one page-aligned page
  at most, after everything else (loader/handover-page.ld): the hand-over
  page, the one page the trampoline keeps while it unmaps all the others;
- then only the reserve, .bss.reserve, from the next page to the image's
  end, which stays below 2 MiB (a larger mapping the kernel aligns to 2 MiB,
  leaving a gap above the loader where an interpreter must go).
The build machine's readelf reads the loader of every CPU.
Usage: check_loader_image.py LOADER"""
import re
import subprocess
import sys

HOT = ("prog_file", "interp_file", "page_area")
# the tables' sizes: riscv64's ld keeps DT_RELA and DT_RELASZ 0 in a file
# with nothing to relocate, so a tag alone proves nothing
RELOC_SIZES = ("RELASZ", "RELSZ", "RELRSZ", "PLTRELSZ")


def readelf(*args):
    return subprocess.run(["readelf", "-W"] + list(args) + [sys.argv[1]], check=True,
                          capture_output=True, text=True).stdout


def main():
    failures = []
    tags = re.findall(r"^\s*0x[0-9a-f]+\s+\((\w+)\)\s+(\S+)", readelf("-d"), re.M)
    found = ["%s %s" % (t, v) for t, v in tags
             if t == "TEXTREL" or (t in RELOC_SIZES and int(v, 0) != 0)]
    if found:
        failures.append("dynamic relocations: %s" % ", ".join(found))

    loads = re.findall(r"^\s*LOAD\s+(?:\S+\s+){5}(.{3})", readelf("-l"), re.M)
    ro = [f for f in loads if "W" not in f]
    if len(ro) != 1:
        failures.append("%d read-only PT_LOADs (flags %s), want 1" % (len(ro), ", ".join(loads)))

    sections = {}
    for m in re.finditer(r"^\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+"
                         r"([0-9a-f]+)\s+\S+\s+(\S*)", readelf("-S"), re.M):
        name, addr, size, flags = m.group(1), int(m.group(2), 16), int(m.group(3), 16), m.group(4)
        if "A" in flags:
            sections[name] = (addr, size)
    hot = sections.get(".bss.hot")
    if not hot:
        failures.append("no .bss.hot section")
    else:
        addr, size = hot
        order = sorted(sections, key=lambda n: sections[n][0] + sections[n][1])
        if order[-2:] != [".bss.hot", ".bss.reserve"]:
            failures.append("the last sections are %s, not .bss.hot and .bss.reserve" %
                            ", ".join(order[-2:]))
        else:
            start, length = sections[".bss.reserve"]
            if start != addr + 4096:
                failures.append(".bss.reserve at %#x, not the page after .bss.hot" % start)
            if start + length >= 2 << 20:
                failures.append("the image ends at %#x, not below 2 MiB" % (start + length))
        if addr % 4096 or size > 4096:
            failures.append(".bss.hot at %#x, %d bytes: not one page" % (addr, size))
        syms = {}
        for m in re.finditer(r"^\s*\d+:\s+([0-9a-f]+)\s+\d+\s+OBJECT\s+\S+\s+\S+\s+\S+\s+(\S+)$",
                             readelf("-s"), re.M):
            syms[m.group(2)] = int(m.group(1), 16)
        for name in HOT:
            if name not in syms or not addr <= syms[name] < addr + size:
                failures.append("%s is not on the hand-over page" % name)
    for f in failures:
        print("FAIL %s: %s" % (sys.argv[1], f))
    if not failures:
        print("PASS %s: no relocations, one read-only PT_LOAD, %s on the last page "
              "before the reserve" % (sys.argv[1], ", ".join(HOT)))
    sys.exit(1 if failures else 0)


main()
