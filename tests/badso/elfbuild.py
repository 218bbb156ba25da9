"""A small ELF writer for the malformed-library corpus (gen_badso.py), for
the CPU use_cpu() chose: its machine number, relocation types and machine
code come from arch/CPU/ (test_arch.json through tests/cpu.py, test_code.py).

Everything is built from scratch with the struct module: an ET_DYN shared
object or position-independent program with two PT_LOADs (R+X: headers,
tables, code; R+W: dynamic section, GOT, arrays, data), a PT_DYNAMIC, an
optional PT_TLS and PT_INTERP, a symbol table with SysV and/or GNU hash
tables, RELA/JMPREL/RELR relocations and optional symbol versions.

An Obj is described first (symbols, relocations, code, data), then build()
lays it out and returns (bytes, labels).  Addresses in a description are
expressions resolved at layout time: an int, a label name ("var", "got_fn",
"dynstr"; "NAME.size" for a size), a (label, offset) pair or a function of
the label dictionary.  Hooks let a case change the dynamic entries before
layout (dyn_edit), the program headers after it (phdr_edit) and the final
bytes (patch).
"""
import collections
import importlib.util
import os
import struct

import cpu

ET_EXEC, ET_DYN = 2, 3
EM_386 = 3
PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_PHDR, PT_TLS = 1, 2, 3, 6, 7
PT_GNU_STACK = 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4
STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_TLS = 0, 1, 2, 6
SHN_UNDEF = 0
SHN_TEXT, SHN_DATA, SHN_TLS = 7, 18, 17     # any non-zero index: "defined"

PAGE = 0x1000
U64 = (1 << 64) - 1
MAX_PHDRS = 10          # room reserved for program headers
SYM_SIZE = 24
RELA_SIZE = 24

DT = dict(NULL=0, NEEDED=1, PLTRELSZ=2, PLTGOT=3, HASH=4, STRTAB=5, SYMTAB=6,
          RELA=7, RELASZ=8, RELAENT=9, STRSZ=10, SYMENT=11, INIT=12, FINI=13,
          SONAME=14, RPATH=15, SYMBOLIC=16, REL=17, RELSZ=18, RELENT=19, PLTREL=20,
          DEBUG=21, TEXTREL=22, JMPREL=23, BIND_NOW=24, INIT_ARRAY=25, FINI_ARRAY=26,
          INIT_ARRAYSZ=27, FINI_ARRAYSZ=28, RUNPATH=29, FLAGS=30, PREINIT_ARRAY=32,
          PREINIT_ARRAYSZ=33, RELRSZ=35, RELR=36, RELRENT=37, GNU_HASH=0x6FFFFEF5,
          VERSYM=0x6FFFFFF0, VERDEF=0x6FFFFFFC, VERDEFNUM=0x6FFFFFFD,
          VERNEED=0x6FFFFFFE, VERNEEDNUM=0x6FFFFFFF)
DF_TEXTREL = 4

ARCH = None     # the CPU's facts (tests/cpu.py)
CODE = None     # its machine code (arch/CPU/test_code.py)
R = {}          # relocation types by generic name: ABS64, ABS32, COPY, GLOB_DAT,
                # JUMP_SLOT, RELATIVE, DTPMOD64, DTPOFF64, TPOFF64, IRELATIVE,
                # LINK_ONLY (a type for static linking only)


def use_cpu(name):
    """Write objects for CPU name from now on."""
    global ARCH, CODE
    ARCH = cpu.load(name)
    spec = importlib.util.spec_from_file_location(
        "test_code_" + name, os.path.join(cpu.ROOT, "arch", name, "test_code.py"))
    CODE = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(CODE)
    R.clear()
    R.update({k: v[0] for k, v in ARCH.RELOCS.items()})


def reloc_name(rtype):
    """rtld's name for a relocation type given by its generic name."""
    return ARCH.RELOCS[rtype][1]


def sysv_hash(name):
    h = 0
    for c in name.encode():
        h = ((h << 4) + c) & 0xFFFFFFFF
        h ^= (h >> 24) & 0xF0
    return h & 0x0FFFFFFF


def gnu_hash(name):
    h = 5381
    for c in name.encode():
        h = (h * 33 + c) & 0xFFFFFFFF
    return h


def align(x, a):
    return (x + a - 1) & -a


# ------------------------------------------------------------------ code

def sized(gen):
    """(size, gen) for code gen(addr, L) whose size does not depend on the
    addresses, as Obj.code wants it after the label."""
    return len(gen(0, collections.defaultdict(int))), gen


def code_ret42():
    """badso_fn: return 42"""
    return sized(lambda addr, L: CODE.ret42(addr))


def code_write(msg_label, length):
    """A constructor: write(1, msg, length); return"""
    return sized(lambda addr, L: CODE.write(addr, L[msg_label], length))


def code_entry(call_ctors, call_fn, call_dtors=False):
    """The program's entry point.  Optionally sets a thread pointer and
    calls rtld's __rtld_interface.run_constructors (offset 40 of struct
    rtld_interface, rtld/musl/rtld_interface.h) through the GOT slot
    "got_iface" (and then run_destructors, offset 48), then badso_fn through
    "got_fn" and exits 0 if it returned 42, else 3."""
    offsets = [off for off, wanted in ((0x28, call_ctors), (0x30, call_dtors)) if wanted]
    return sized(lambda addr, L: CODE.entry(addr, L.get("got_iface", 0), offsets,
                                            L["got_fn"] if call_fn else None))


# ------------------------------------------------------------------ object

class Obj:
    def __init__(self, etype=ET_DYN):
        self.etype = etype
        self.machine = ARCH.EM
        self.ident = {}
        self.interp = None          # bytes with its NUL, for a program
        self.entry = None           # label of the entry code
        self.needed = []
        self.soname = self.runpath = self.rpath = None
        self.syms = []              # dict(name, type, bind, value, size, shndx, version)
        self.relocs = []            # dict(table, where, type, sym, addend)
        self.relr = []              # raw 64-bit entries (expressions)
        self.hash = "both"          # "sysv", "gnu", "both", "none"
        self.gnu_nbuckets = 2
        self.gnu_bloom = 1
        self.gnu_shift = 6
        self.sysv_nbucket = 3
        self.gnu_last = False       # GNU hash table as the last bytes of the R+X segment
        self.code = []              # (label, size, gen(addr, L) -> bytes)
        self.rodata = []            # (label, bytes)
        self.data = []              # (label, bytes or size) in the R+W segment
        self.got = []               # 8-byte slots in R+W
        self.init_array = []        # labels of constructors
        self.init = None            # label for DT_INIT
        self.tls = None             # dict(data=bytes, memsz=, align=)
        self.versions = None        # dict(verneed=[(file, [(name, idx)])]) with per-symbol "version"
        self.rw_gap = 0             # extra pages between the segments
        self.rw_first = []          # (label, bytes) placed first in R+W
        self.bss = 0
        self.extra_strings = []
        self.extra_dyn = []         # (tag, expr) appended before DT_NULL
        self.dyn_edit = None        # f(entries, names) -> entries, before layout
        self.phdr_edit = None       # f(phdrs, L) -> phdrs, after layout
        self.patch = None           # f(bytearray, L), last

    # -- description helpers
    def sym(self, name, type=STT_FUNC, bind=STB_GLOBAL, value=None, size=0, shndx=None,
            version=None, st_name=None):
        if shndx is None:
            shndx = SHN_UNDEF if value is None else SHN_TEXT
        self.syms.append(dict(name=name, type=type, bind=bind, value=value, size=size,
                              shndx=shndx, version=version, st_name=st_name))

    def reloc(self, where, rtype, sym=0, addend=0, table="rela"):
        self.relocs.append(dict(table=table, where=where, type=R[rtype] if isinstance(rtype, str)
                                else rtype, sym=sym, addend=addend))

    # -- layout
    def build(self):
        L = {}
        # strings
        strtab = bytearray(b"\0")
        stroff = {}

        def add_str(s):
            if s not in stroff:
                stroff[s] = len(strtab)
                strtab.extend(s.encode() + b"\0")
            return stroff[s]
        for n in self.needed:
            add_str(n)
        for s in (self.soname, self.runpath, self.rpath):
            if s is not None:
                add_str(s)
        for s in self.syms:
            add_str(s["name"])
        if self.versions:
            for f, vers in self.versions.get("verneed", []):
                add_str(f)
                for v, _ in vers:
                    add_str(v)
            for v, _ in self.versions.get("verdef", []):
                add_str(v)
        for s in self.extra_strings:
            add_str(s)
        L["stroff"] = stroff

        # symbol order: undefined first, then defined sorted by GNU bucket
        undef = [s for s in self.syms if s["value"] is None]
        defined = [s for s in self.syms if s["value"] is not None]
        use_gnu = self.hash in ("gnu", "both")
        if use_gnu:
            defined.sort(key=lambda s: gnu_hash(s["name"]) % self.gnu_nbuckets)
        syms = [None] + undef + defined
        symoffset = 1 + len(undef)
        symidx = {s["name"]: i for i, s in enumerate(syms) if s}
        L["symidx"] = symidx
        L["nsyms"] = len(syms)
        L["symoffset"] = symoffset
        nsyms = len(syms)

        # sizes
        sizes = {}
        sizes["dynsym"] = SYM_SIZE * nsyms
        sizes["dynstr"] = len(strtab)
        if self.hash in ("sysv", "both"):
            sizes["hash"] = 8 + 4 * (self.sysv_nbucket + nsyms)
        if use_gnu:
            sizes["gnu_hash"] = 16 + 8 * self.gnu_bloom + 4 * self.gnu_nbuckets + 4 * (nsyms - symoffset)
        if self.versions:
            sizes["versym"] = 2 * nsyms
            if self.versions.get("verneed"):
                sizes["verneed"] = sum(16 + 16 * len(v) for _, v in self.versions["verneed"])
            if self.versions.get("verdef"):
                sizes["verdef"] = sum(20 + 8 for _ in self.versions["verdef"])
        rela = [r for r in self.relocs if r["table"] == "rela"]
        plt = [r for r in self.relocs if r["table"] == "plt"]
        sizes["rela"] = RELA_SIZE * len(rela)
        if plt:
            sizes["plt"] = RELA_SIZE * len(plt)
        if self.relr:
            sizes["relr"] = 8 * len(self.relr)

        # R+X segment
        off = 64 + 56 * MAX_PHDRS
        if self.interp is not None:
            L["interp"] = off
            off += len(self.interp)
        order = ["dynsym", "dynstr", "hash", "gnu_hash", "versym", "verneed", "verdef",
                 "rela", "plt", "relr"]
        if self.gnu_last:
            order.remove("gnu_hash")
        for name in order:
            if name in sizes:
                off = align(off, 8)
                L[name] = off
                off += sizes[name]
        for label, data in self.rodata:
            L[label] = off
            off += len(data)
        for label, size, _ in self.code:
            off = align(off, 16)
            L[label] = off
            off += size
        if self.gnu_last and "gnu_hash" in sizes:
            off = align(off, 16)
            L["gnu_hash"] = off
            off += sizes["gnu_hash"]
        ro_end = off
        L["ro_end"] = ro_end
        for k, v in sizes.items():
            L[k + ".size"] = v

        # dynamic entries
        dyn = [[DT["NEEDED"], stroff[n]] for n in self.needed]
        if self.soname is not None:
            dyn.append([DT["SONAME"], stroff[self.soname]])
        if self.rpath is not None:
            dyn.append([DT["RPATH"], stroff[self.rpath]])
        if self.runpath is not None:
            dyn.append([DT["RUNPATH"], stroff[self.runpath]])
        if "hash" in sizes:
            dyn.append([DT["HASH"], "hash"])
        if "gnu_hash" in sizes:
            dyn.append([DT["GNU_HASH"], "gnu_hash"])
        dyn += [[DT["STRTAB"], "dynstr"], [DT["SYMTAB"], "dynsym"],
                [DT["STRSZ"], "dynstr.size"], [DT["SYMENT"], SYM_SIZE]]
        if rela:
            dyn += [[DT["RELA"], "rela"], [DT["RELASZ"], "rela.size"], [DT["RELAENT"], RELA_SIZE]]
        if plt:
            dyn += [[DT["JMPREL"], "plt"], [DT["PLTRELSZ"], "plt.size"], [DT["PLTREL"], DT["RELA"]]]
        if self.relr:
            dyn += [[DT["RELR"], "relr"], [DT["RELRSZ"], "relr.size"], [DT["RELRENT"], 8]]
        if self.init:
            dyn.append([DT["INIT"], self.init])
        if self.init_array:
            dyn += [[DT["INIT_ARRAY"], "init_array"],
                    [DT["INIT_ARRAYSZ"], 8 * len(self.init_array)]]
        if "versym" in sizes:
            dyn.append([DT["VERSYM"], "versym"])
        if "verneed" in sizes:
            dyn += [[DT["VERNEED"], "verneed"],
                    [DT["VERNEEDNUM"], len(self.versions["verneed"])]]
        if "verdef" in sizes:
            dyn += [[DT["VERDEF"], "verdef"], [DT["VERDEFNUM"], len(self.versions["verdef"])]]
        dyn += [list(e) for e in self.extra_dyn]
        if self.dyn_edit:
            dyn = self.dyn_edit(dyn)
        dyn.append([DT["NULL"], 0])
        L["dynamic.count"] = len(dyn)

        # R+W segment: file offset just after R+X, address one page (plus
        # the gap) higher, congruent modulo the page size
        rw_off = align(ro_end, 16)
        delta = PAGE + self.rw_gap
        L["rw_off"] = rw_off
        L["rw_delta"] = delta
        va = rw_off + delta
        L["rw_vaddr"] = va
        for label, data in self.rw_first:
            L[label] = va
            va += len(data)
        va = align(va, 16)
        L["dynamic"] = va
        va += 16 * len(dyn)
        for g in self.got:
            L[g] = va
            va += 8
        if self.init_array:
            L["init_array"] = va
            va += 8 * len(self.init_array)
        for label, data in self.data:
            va = align(va, 8)
            L[label] = va
            va += data if isinstance(data, int) else len(data)
        if self.tls:
            va = align(va, max(self.tls.get("align", 8), 1))
            L["tdata"] = va
            va += len(self.tls["data"])
        rw_fileend = va
        L["rw_end"] = va + self.bss
        L["rw_filesz"] = rw_fileend - L["rw_vaddr"]
        L["rw_memsz"] = L["rw_end"] - L["rw_vaddr"]

        def ev(e):
            if callable(e):
                return e(L)
            if isinstance(e, str):
                return L[e]
            if isinstance(e, tuple):
                return L[e[0]] + e[1]
            return e

        # program headers
        ph = []
        if self.interp is not None:
            ph.append(dict(type=PT_PHDR, flags=PF_R, offset=64, vaddr=64,
                           filesz=56 * MAX_PHDRS, memsz=56 * MAX_PHDRS, align=8))
            ph.append(dict(type=PT_INTERP, flags=PF_R, offset=L["interp"], vaddr=L["interp"],
                           filesz=len(self.interp), memsz=len(self.interp), align=1))
        ph.append(dict(type=PT_LOAD, flags=PF_R | PF_X, offset=0, vaddr=0, filesz=ro_end,
                       memsz=ro_end, align=PAGE))
        ph.append(dict(type=PT_LOAD, flags=PF_R | PF_W, offset=rw_off, vaddr=L["rw_vaddr"],
                       filesz=L["rw_filesz"], memsz=L["rw_memsz"], align=PAGE))
        ph.append(dict(type=PT_DYNAMIC, flags=PF_R | PF_W, offset=L["dynamic"] - delta,
                       vaddr=L["dynamic"], filesz=16 * len(dyn), memsz=16 * len(dyn), align=8))
        ph.append(dict(type=PT_GNU_STACK, flags=PF_R | PF_W, offset=0, vaddr=0, filesz=0,
                       memsz=0, align=16))
        if self.tls:
            ph.append(dict(type=PT_TLS, flags=PF_R, offset=L["tdata"] - delta, vaddr=L["tdata"],
                           filesz=len(self.tls["data"]), memsz=self.tls["memsz"],
                           align=self.tls.get("align", 8)))
        if self.phdr_edit:
            ph = self.phdr_edit(ph, L)
        assert len(ph) <= MAX_PHDRS

        # bytes
        img = bytearray(rw_off + L["rw_filesz"])

        def put(vaddr, data):
            o = vaddr - delta if vaddr >= L["rw_vaddr"] else vaddr
            img[o:o + len(data)] = data

        entry = L[self.entry] if self.entry else 0
        e_ident = bytearray(b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8))
        for i, v in self.ident.items():
            e_ident[i] = v
        img[0:64] = struct.pack("<16sHHIQQQIHHHHHH", bytes(e_ident), self.etype, self.machine,
                                1, entry, 64, 0, 0, 64, 56, len(ph), 64, 0, 0)
        img[64:64 + 56 * len(ph)] = b"".join(
            struct.pack("<IIQQQQQQ", p["type"], p["flags"], p["offset"] & U64,
                        p["vaddr"] & U64, p["vaddr"] & U64, p["filesz"] & U64,
                        p["memsz"] & U64, p["align"] & U64) for p in ph)
        if self.interp is not None:
            put(L["interp"], self.interp)
        put(L["dynstr"], strtab)
        # symbols
        st = bytearray()
        for s in syms:
            if s is None:
                st += bytes(SYM_SIZE)
                continue
            name = stroff[s["name"]] if s["st_name"] is None else s["st_name"]
            value = 0 if s["value"] is None else ev(s["value"])
            st += struct.pack("<IBBHQQ", name, (s["bind"] << 4) | s["type"], 0,
                              s["shndx"], value & U64, ev(s["size"]) & U64)
        put(L["dynsym"], st)
        if "hash" in sizes:
            nb = self.sysv_nbucket
            bucket, chain = [0] * nb, [0] * nsyms
            for i in range(1, nsyms):
                b = sysv_hash(syms[i]["name"]) % nb
                chain[i] = bucket[b]
                bucket[b] = i
            L["hash.bucket"], L["hash.chain"] = bucket, chain
            put(L["hash"], struct.pack("<II", nb, nsyms) + struct.pack("<%dI" % nb, *bucket)
                + struct.pack("<%dI" % nsyms, *chain))
        if "gnu_hash" in sizes:
            nb, words, shift = self.gnu_nbuckets, self.gnu_bloom, self.gnu_shift
            bloom = [0] * words
            buckets = [0] * nb
            chains = []
            for i in range(symoffset, nsyms):
                h = gnu_hash(syms[i]["name"])
                w = (h // 64) % words
                bloom[w] |= (1 << (h % 64)) | (1 << ((h >> shift) % 64))
                b = h % nb
                if not buckets[b]:
                    buckets[b] = i
                last = i + 1 == nsyms or gnu_hash(syms[i + 1]["name"]) % nb != b
                chains.append((h & ~1) | (1 if last else 0))
            put(L["gnu_hash"], struct.pack("<IIII", nb, symoffset, words, shift)
                + struct.pack("<%dQ" % words, *bloom) + struct.pack("<%dI" % nb, *buckets)
                + struct.pack("<%dI" % len(chains), *chains))
            L["gnu_hash.chains"] = L["gnu_hash"] + 16 + 8 * words + 4 * nb
        if "versym" in sizes:
            vs = [0] + [s["version"] if s["version"] is not None else 1 for s in syms[1:]]
            put(L["versym"], struct.pack("<%dH" % nsyms, *vs))
        if "verneed" in sizes:
            out = bytearray()
            files = self.versions["verneed"]
            for fi, (f, vers) in enumerate(files):
                size = 16 + 16 * len(vers)
                out += struct.pack("<HHIII", 1, len(vers), stroff[f], 16,
                                   size if fi + 1 < len(files) else 0)
                for vi, (v, idx) in enumerate(vers):
                    out += struct.pack("<IHHII", sysv_hash(v), 0, idx, stroff[v],
                                       16 if vi + 1 < len(vers) else 0)
            put(L["verneed"], out)
        if "verdef" in sizes:
            out = bytearray()
            defs = self.versions["verdef"]
            for di, (v, idx) in enumerate(defs):
                out += struct.pack("<HHHHIII", 1, 1 if idx == 1 else 0, idx, 1, sysv_hash(v),
                                   20, 28 if di + 1 < len(defs) else 0)
                out += struct.pack("<II", stroff[v], 0)
            put(L["verdef"], out)

        def rel_bytes(rs):
            b = bytearray()
            for r in rs:
                s = r["sym"]
                si = symidx[s] if isinstance(s, str) else s
                b += struct.pack("<QQq", ev(r["where"]) & U64,
                                 ((si & 0xFFFFFFFF) << 32) | (r["type"] & 0xFFFFFFFF),
                                 _signed(ev(r["addend"])))
            return b
        if rela:
            put(L["rela"], rel_bytes(rela))
        if plt:
            put(L["plt"], rel_bytes(plt))
        if self.relr:
            put(L["relr"], b"".join(struct.pack("<Q", ev(e) & U64) for e in self.relr))
        for label, data in self.rodata:
            put(L[label], data)
        for label, size, gen in self.code:
            c = gen(L[label], L)
            assert len(c) == size, (label, len(c), size)
            put(L[label], c)
        for label, data in self.rw_first:
            put(L[label], data)
        put(L["dynamic"], b"".join(struct.pack("<qQ", _signed(ev(t)), ev(v) & U64)
                                   for t, v in dyn))
        for label, data in self.data:
            if not isinstance(data, int):
                put(L[label], data)
        if self.tls:
            put(L["tdata"], self.tls["data"])
        if self.patch:
            self.patch(img, L)
        return bytes(img), L


def _signed(v):
    v &= U64
    return v - (1 << 64) if v >> 63 else v


# ------------------------------------------------------------------ objects

def program(needed=("libbadso.so",), call_ctors=False, call_fn=True, fn="badso_fn",
            call_dtors=False):
    """A program (ET_DYN with PT_INTERP) needing `needed` and no C library:
    its entry calls badso_fn (GLOB_DAT into its GOT) and exits with 0 when
    it returns 42; with call_ctors it first runs the constructors through
    rtld's __rtld_interface, as our libc.so does at start-up (call_dtors:
    then the destructors, as its exit does)."""
    o = Obj()
    o.interp = ARCH.MUSL_INTERP.encode() + b"\0"    # never opened: run as `rtld PROG`
    o.needed = list(needed)
    o.code.append(("entry",) + code_entry(call_ctors, call_fn, call_dtors))
    o.entry = "entry"
    if call_fn:
        o.sym(fn)
        o.got.append("got_fn")
        o.reloc("got_fn", "GLOB_DAT", fn)
    if call_ctors or call_dtors:
        o.sym("__rtld_interface", STT_OBJECT)
        o.got.append("got_iface")
        o.reloc("got_iface", "GLOB_DAT", "__rtld_interface")
    return o


def library(needed=(), init_msg=None, define_fn=True, hash="both"):
    """The valid library: badso_fn (returns 42) and badso_var (8 bytes of
    data), a RELATIVE relocation (badso_ptr = &badso_var), an ABS64 (the
    64-bit absolute type: R_X86_64_64, R_AARCH64_ABS64, R_RISCV_64) against
    badso_var and a GLOB_DAT against badso_fn; with init_msg, a
    constructor in DT_INIT_ARRAY (RELATIVE relocated) that writes it to
    stdout."""
    o = Obj()
    o.hash = hash
    o.needed = list(needed)
    o.code.append(("fn",) + code_ret42())
    if define_fn:
        o.sym("badso_fn", STT_FUNC, value="fn")
    o.sym("badso_var", STT_OBJECT, value="var", size=8, shndx=SHN_DATA)
    o.data.append(("var", struct.pack("<Q", 7)))
    o.data.append(("ptr", 8))
    o.got += ["got_var", "got_fn"]
    o.reloc("ptr", "RELATIVE", 0, "var")
    o.reloc("got_var", "ABS64", "badso_var")
    if define_fn:
        o.reloc("got_fn", "GLOB_DAT", "badso_fn")
    if init_msg is not None:
        msg = init_msg.encode()
        o.rodata.append(("msg", msg))
        o.code.append(("init",) + code_write("msg", len(msg)))
        o.init_array.append("init")
        o.reloc(lambda L: L["init_array"], "RELATIVE", 0, "init")
    return o
