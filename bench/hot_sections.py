#!/usr/bin/env python3
"""Which of musl's input sections a run of rtld's object touches.

    hot_sections.py MAP OBJECT TRACE...

MAP is the link map of OBJECT (BUILD_DIR/rtld/rtld.map, which
rtld/musl/build-libc.sh writes beside BUILD_DIR/rtld/rtld), and each TRACE
is the output of

    valgrind --tool=lackey --trace-mem=yes --log-file=TRACE PROG ARGS...

for a program whose PT_INTERP is OBJECT (its first instruction is OBJECT's
entry point, which gives the address OBJECT was loaded at).  Prints, for
the code, the read-only data and the zero-filled or written data of
OBJECT, the input sections of musl's libc.a that the runs touched, one
line per archive member: "MEMBER SECTION...", in address order, each
followed by a comment that names the traces that touched it.

The code lines are rtld/musl/hot-text.list; the others are the names that
rtld/musl/layout.ld lists.  rtld's own part and the glue need no list: all
of theirs comes first anyway.  Run the traces on a build whose lists are
current or not, it makes no difference: the map says where each section
went in that build.
"""
import bisect
import re
import struct
import sys


def parse_map(path):
    """[(address, size, output section, input section, file)], sorted."""
    sections = []
    output = None
    pending = None
    for line in open(path):
        line = line.rstrip("\n")
        m = re.match(r"^(\.\S+)", line)
        if m:
            output = m.group(1)
            pending = None
            continue
        m = re.match(r"^ (\.\S+)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)", line)
        if m and output:
            name = m.group(1) or pending
            size = int(m.group(3), 16)
            if name and size:
                sections.append((int(m.group(2), 16), size, output, name, m.group(4)))
        pending = None
    sections.sort()
    return sections


def entry_of(path):
    with open(path, "rb") as f:
        head = f.read(64)
    if head[:4] != b"\x7fELF" or head[4] != 2:
        sys.exit("hot_sections.py: %s is not a 64-bit ELF file" % path)
    return struct.unpack_from("<Q" if head[5] == 1 else ">Q", head, 24)[0]


def member_of(file):
    """'libc.a(x.lo)' -> 'x.lo'; None for objects outside the archive."""
    m = re.search(r"\.libc\.a\((.*)\)$", file)
    return m.group(1) if m else None


def kind_of(output):
    if output.startswith(".text"):
        return "text"
    if output.startswith(".rodata"):
        return "rodata"
    if output.startswith((".data", ".bss")):
        return "data"
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    sections = parse_map(sys.argv[1])
    starts = [s[0] for s in sections]
    entry = entry_of(sys.argv[2])
    touched = {}
    for trace in sys.argv[3:]:
        label = trace.rsplit("/", 1)[-1]
        base = None
        for line in open(trace):
            m = re.match(r"\s*([ISLM])\s+([0-9a-f]+),", line)
            if not m:
                continue
            addr = int(m.group(2), 16)
            if base is None:
                if m.group(1) == "I":
                    base = addr - entry
                continue
            at = addr - base
            k = bisect.bisect_right(starts, at) - 1
            if k >= 0 and at < sections[k][0] + sections[k][1]:
                touched.setdefault(sections[k], set()).add(label)
        if base is None:
            sys.exit("hot_sections.py: %s holds no instruction trace" % trace)
    for kind in ("text", "rodata", "data"):
        print("# %s" % kind)
        rows = {}
        for s in sorted(touched):
            member = member_of(s[4])
            if member and kind_of(s[2]) == kind:
                rows.setdefault(member, []).append((s[3], touched[s]))
        for member, names in sorted(rows.items(), key=lambda r: r[0]):
            labels = sorted(set().union(*(t for _, t in names)))
            print("%s %s  # %s" % (member, " ".join(n for n, _ in names), " ".join(labels)))


if __name__ == "__main__":
    main()
