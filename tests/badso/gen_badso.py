#!/usr/bin/env python3
"""Generate the malformed-shared-library corpus for rtld.

    gen_badso.py [--cpu CPU] OUTDIR

Every file is built from scratch here (elfbuild.py, the struct module, no
compiler, no C library), for CPU (default x86_64; its machine code,
relocation types and facts come from arch/CPU/): a small program that needs libbadso.so and calls
its badso_fn (exit status 0 when that returns 42), a valid libbadso.so, and
one broken libbadso.so per case, each in its own directory OUTDIR/CASE.
The runner runs each case as

    [WRAP...] RTLD PROG            in OUTDIR, with LD_LIBRARY_PATH=CASE

so every path in a message is relative to OUTDIR ("CASE/libbadso.so",
"prog") and does not depend on where the build directory is.  The programs
need no libc.so: they make their system calls themselves, and the ones that
test constructors set a thread pointer and call rtld's
__rtld_interface.run_constructors, as our libc.so does at start-up.

OUTDIR/manifest.json lists the cases:
  name            case name (also its directory)
  argv            rtld's arguments (PROG)
  library_path    LD_LIBRARY_PATH for the case
  expect_status   exit status (0 for a library that must load)
  expect_file     FILE of the line `rtld: FILE: MESSAGE` (null: `rtld: MESSAGE`)
  expect_message  MESSAGE; "{ADDR}" stands for a run-time address, which
                  must be `addr_offset` plus a page-aligned load bias
  addr_offset     the link-time address the message's {ADDR} is about
  expect_stderr   the whole expected stderr (from the fields above)
  expect_stdout   what the program writes (constructor order)
  kind            "error" (refused with one line) or "control" (must run)
  why             where the expectation comes from
  bug             present when rtld is known (or suspected) to get the case
                  wrong: what it does and why the expectation stands

Every expectation comes from reading rtld/dso_parse.c, rtld/load.c,
rtld/reloc.c, rtld/symbols.c, rtld/init_fini.c, arch/<cpu>/reloc_<cpu>.c,
loader/elf_validate.c, loader/elf_file.c and loader/elf_map.c (libsys
fmt.c prints %#lx with a 0x prefix; strerror.c holds glibc's texts), not
from rtld's output.  Where rtld's code has no check for a malformed input
and crashes or goes on, the expectation is the refusal it should make,
worded like rtld's neighbouring messages, and `bug` says so.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]
import cpu  # noqa: E402
from corpus import CorpusDir, expected_stderr, generator_main, write_manifest  # noqa: E402
from elfbuild import (DF_TEXTREL, DT, EM_386, reloc_name, use_cpu,  # noqa: E402
                      ET_EXEC, PT_DYNAMIC, PT_LOAD, PT_TLS, R, STB_WEAK, STT_NOTYPE,
                      STT_OBJECT, SHN_DATA, U64, code_write, library, program)
from elfbuild import gnu_hash as gnu_hash_of  # noqa: E402

NOEXEC, NOTFOUND, SYSTEM = 126, 127, 125
LIB = "libbadso.so"
FAR = 0x100000              # far past both segments of every object here
CHAIN = 2000                # libraries in the long chain and in the wide case


def drop(*tags):
    """dyn_edit: remove the entries with these tags."""
    tags = [DT[t] for t in tags]
    return lambda dyn: [e for e in dyn if e[0] not in tags]


def setdyn(**vals):
    """dyn_edit: give these tags these values (adding the ones missing)."""
    def edit(dyn):
        dyn = [list(e) for e in dyn]
        for tag, v in vals.items():
            hits = [e for e in dyn if e[0] == DT[tag]]
            for e in hits:
                e[1] = v
            if not hits:
                dyn.append([DT[tag], v])
        return dyn
    return edit


def phedit(ptype, **vals):
    """phdr_edit: set fields of the (first) program header of this type;
    a value may be a function of the labels."""
    def edit(ph, L):
        for p in ph:
            if p["type"] == ptype:
                for k, v in vals.items():
                    p[k] = v(L) if callable(v) else v
                break
        return ph
    return edit


def put32(img, L, vaddr, value):
    o = vaddr - L["rw_delta"] if vaddr >= L["rw_vaddr"] else vaddr
    img[o:o + 4] = struct.pack("<I", value & 0xFFFFFFFF)


# ------------------------------------------------------------------ corpus

class Corpus(CorpusDir):
    def casedir(self, name):
        self.remove(name)
        os.makedirs(self.path(name))
        return name

    def case(self, name, status, message, file=None, prog="prog", kind="error", why="",
             bug=None, stdout="", addr_offset=None, library_path=None, more=()):
        """more: (file, message) of the lines after the first (every missing
        symbol has its line)."""
        self.claim(name)
        stderr = expected_stderr("rtld", kind, file, message)
        stderr += "".join(expected_stderr("rtld", kind, f, m) for f, m in more)
        entry = dict(name=name, argv=[prog],
                     library_path=name if library_path is None else library_path,
                     expect_status=status, expect_file=file, expect_message=message,
                     expect_stderr=stderr, expect_stdout=stdout, kind=kind, why=why)
        if addr_offset is not None:
            entry["addr_offset"] = addr_offset & U64
        if bug:
            entry["bug"] = bug
        self.cases.append(entry)

    def lib(self, name, obj_or_bytes, rel=LIB):
        """Write CASE/rel (a built Obj or raw bytes); returns the labels."""
        if isinstance(obj_or_bytes, (bytes, bytearray)):
            self.write(os.path.join(name, rel), obj_or_bytes)
            return None
        data, L = obj_or_bytes.build()
        self.write(os.path.join(name, rel), data)
        return L

    def error(self, name, obj, message, status=NOEXEC, file="LIB", **kw):
        """A broken libbadso.so in CASE/, refused with `rtld: FILE: MESSAGE`.
        obj: an Obj, raw bytes, or a function of nothing returning either
        (then called after the case directory exists)."""
        self.casedir(name)
        if callable(obj):
            obj = obj()
        L = self.lib(name, obj) if obj is not None else None
        if file == "LIB":
            file = "%s/%s" % (name, LIB)
        if callable(message):
            message = message(L)
        if callable(kw.get("addr_offset")):
            kw["addr_offset"] = kw["addr_offset"](L)
        self.case(name, status, message, file=file, **kw)
        return L

    def control(self, name, obj, why="", **kw):
        """A library that must load (status 0, no stderr); obj as for error()."""
        self.casedir(name)
        if callable(obj):
            obj = obj()
        if obj is not None:
            self.lib(name, obj)
        self.case(name, 0, None, kind="control", why=why, **kw)


def mutated(mutate=None, **libkw):
    """The valid library, changed by mutate(obj)."""
    o = library(**libkw)
    if mutate:
        mutate(o)
    return o


def with_(**attrs):
    """mutate: set attributes of the Obj."""
    def m(o):
        for k, v in attrs.items():
            setattr(o, k, v)
    return m


def add_reloc(where, rtype, sym=0, addend=0, table="rela", extra_sym=None):
    def m(o):
        if extra_sym:
            o.sym(**extra_sym)
        o.reloc(where, rtype, sym, addend, table)
    return m


def generate(outdir, cpu_name="x86_64"):
    arch = cpu.load(cpu_name)
    use_cpu(cpu_name)
    outdir = os.path.abspath(outdir)
    os.makedirs(outdir, exist_ok=True)
    c = Corpus(outdir)

    # ---- the programs (shared by the cases)
    c.write("prog", program().build()[0])
    c.write("prog_ctors", program(call_ctors=True).build()[0])
    c.write("prog_ctors_dtors", program(call_ctors=True, call_dtors=True).build()[0])
    pv = program()
    pv.versions = dict(verneed=[(LIB, [("BADSO_1", 2)])])
    pv.syms[0]["version"] = 2
    c.write("prog_versioned", pv.build()[0])
    pb = program()
    pb.dyn_edit = setdyn(NEEDED=0x7FFFFFFF)
    c.write("prog_bad_needed", pb.build()[0])

    D = "rtld/dso_parse.c dso_parse"
    T = "rtld/dso_parse.c check_table: '%s lies outside the object'"
    RL = "rtld/reloc.c apply_table"

    # ---- controls: the base images are sound
    c.control("control_valid", library(),
              "the valid library (SysV and GNU hash, RELATIVE, ABS64, GLOB_DAT) loads and "
              "badso_fn returns 42")
    c.control("control_sysv_only", library(hash="sysv"), "DT_HASH only")
    c.control("control_gnu_only", library(hash="gnu"), "DT_GNU_HASH only")
    c.control("control_init", library(init_msg="badso init\n"),
              "a constructor in DT_INIT_ARRAY runs when libc would run them",
              prog="prog_ctors", stdout="badso init\n")

    def init_fini_lib():
        o = library()
        o.rodata += [("imsg", b"init\n"), ("fmsg", b"fini\n")]
        o.code += [("init",) + code_write("imsg", 5), ("fini",) + code_write("fmsg", 5)]
        o.init = "init"
        o.extra_dyn.append((DT["FINI"], "fini"))
        return o
    c.control("control_init_fini", init_fini_lib(),
              "DT_INIT and DT_FINI, run through __rtld_interface (where musl runs them: "
              "arch.h ARCH_LEGACY_INITFINI)", prog="prog_ctors_dtors",
              stdout="init\nfini\n" if arch.LEGACY_INITFINI else "")
    c.control("control_relr", mutated(with_(relr=["ptr"])),
              "a DT_RELR address entry inside the R+W segment")
    def relr_constructor(o):
        # the constructor's DT_INIT_ARRAY entry relocated by DT_RELR, not
        # by a RELATIVE with an addend: its link-time address in place
        o.relocs = [r for r in o.relocs if r["addend"] != "init"]
        o.relr = [lambda L: L["init_array"]]

        def patch(img, L):
            off = L["init_array"] - L["rw_delta"]
            img[off:off + 8] = struct.pack("<Q", L["init"])
        o.patch = patch
    c.control("control_relr_constructor", mutated(relr_constructor, init_msg="relr init\n"),
              "reloc.c apply_relr adds the load bias to the DT_INIT_ARRAY entry: the "
              "constructor it names runs", prog="prog_ctors", stdout="relr init\n")
    c.control("control_copy", mutated(add_reloc("ptr", "COPY", "badso_var")),
              reloc_name("COPY") + " of badso_var's 8 bytes (found outside the program: "
              "reloc.c resolve skip_main)")
    c.control("control_irelative", mutated(add_reloc("ptr", "IRELATIVE", 0, "fn")),
              reloc_name("IRELATIVE") + " whose resolver is badso_fn")

    def tls_lib():
        o = library()
        o.tls = dict(data=b"\x11" * 16, memsz=32, align=16)
        o.got.append("got_tls")
        o.reloc("got_tls", "TPOFF64", 0, 8)
        o.got.append("got_mod")
        o.reloc("got_mod", "DTPMOD64", 0, 0)
        return o
    c.control("control_tls", tls_lib(),
              "PT_TLS and TPOFF64/DTPMOD64 against the module's own block (symbol 0, "
              "STB_LOCAL: rtld/reloc.c resolve)")
    c.control("control_weak_undefined",
              mutated(add_reloc("ptr", "GLOB_DAT", "badso_weak",
                                extra_sym=dict(name="badso_weak", type=STT_NOTYPE, bind=STB_WEAK))),
              "reloc.c resolve: an undefined weak symbol resolves to 0")

    def versioned_lib(verdef=None):
        def m(o):
            o.versions = dict(verdef=[(LIB, 1), ("BADSO_1", 2)])
            for s in o.syms:
                s["version"] = 2
            if verdef is not None:
                o.dyn_edit = setdyn(VERDEF=verdef)
        return mutated(m)
    c.control("control_versioned", versioned_lib(),
              "symbols.c version_ok: badso_fn@BADSO_1 from a versioned reference",
              prog="prog_versioned")

    def verneed_lib(verneed=None):
        def m(o):
            o.versions = dict(verneed=[(LIB, [("BADSO_1", 2)])])
            o.syms[1]["version"] = 2        # badso_var, which the library relocates
            if verneed is not None:
                o.dyn_edit = setdyn(VERNEED=verneed)
        return mutated(m)
    c.control("control_verneed", verneed_lib(),
              "symbols.c version_wanted: the library's own reference to badso_var@BADSO_1")

    # ---- finding and opening the library (load.c try_open, elf_file_open,
    #      elf_validate.c elf_check_header / elf_check_phdrs)
    H = "load.c try_open -> elf_file_headers -> elf_validate.c elf_check_header"
    c.error("lib_missing", None, "library libbadso.so needed by prog not found", NOTFOUND,
            file=None, why="load.c load_library: nothing found, nothing bad -> 127, no FILE")
    c.error("lib_empty", b"", "not an ELF file (bad magic number)", why=H)
    c.error("lib_text", b"INPUT(libc.so)\n", "not an ELF file (bad magic number)",
            why=H + " (a linker script, as /usr/lib/libc.so often is)")
    valid = library().build()[0]
    c.error("lib_truncated_header", valid[:40], "truncated ELF header (40 of 64 bytes)", why=H)

    def truncated_segments():
        data, L = library().build()
        return data[:L["rw_off"] + 8]
    c.error("lib_truncated_segments", truncated_segments,
            "dynamic section lies outside the file",
            why="the R+W segment's file bytes, the dynamic section among them, are cut off: "
                "elf_file.c elf_file_headers (musl's linker crashes on it)")
    c.error("lib_class32", valid[:4] + b"\x01" + valid[5:], "not a 64-bit ELF file (class 1)",
            why=H)
    c.error("lib_wrong_machine_i386", mutated(with_(machine=EM_386)),
            cpu.wrong_machine(EM_386, arch), why=H)
    other = cpu.foreign_machine(arch)
    c.error("lib_wrong_machine_other_cpu", mutated(with_(machine=other)),
            cpu.wrong_machine(other, arch), why=H + ": a library for another CPU we support")
    c.error("lib_et_exec", mutated(with_(etype=ET_EXEC)), "not a shared object",
            why="load.c map_opened: f->info.type != ET_DYN")
    c.error("lib_et_rel", mutated(with_(etype=1)), "ELF type 1 is not an executable", why=H)

    def lib_dir():
        os.makedirs(c.path("lib_directory/" + LIB))
        return None
    c.error("lib_directory", lib_dir, "is a directory", why="elf_file.c elf_file_open")
    c.error("lib_no_load",
            mutated(with_(phdr_edit=lambda ph, L: [p for p in ph if p["type"] != PT_LOAD])),
            "no PT_LOAD segment", why="elf_validate.c elf_check_phdrs")
    # Out of resources: a segment that fits the user address space on its
    # own, but not beside rtld and the stack.  elf_map.c reserve_dyn maps
    # the whole span at once (PT_LOAD 1, at address 0 before the bias);
    # mmap fails ENOMEM -> 125.
    USER_LIMIT = arch.USER_LIMIT
    c.error("lib_segment_huge", mutated(with_(phdr_edit=lambda ph, L: [
        dict(p, memsz=USER_LIMIT - p["vaddr"]) if p["type"] == PT_LOAD and p["flags"] & 2
        else p for p in ph])),
        "cannot map PT_LOAD 1 at 0x0: Cannot allocate memory", SYSTEM,
        why="elf_map.c reserve_dyn -> map_fail: the span is the whole user address space; "
            "ENOMEM is LOAD_EXIT_SYSTEM")

    # ---- PT_TLS (dso_parse)
    def tls(**ph):
        def m(o):
            o.tls = dict(data=b"\x22" * 16, memsz=16, align=8)
            o.phdr_edit = phedit(PT_TLS, **ph)
        return mutated(m)
    c.error("tls_filesz_gt_memsz", tls(memsz=8), "bad PT_TLS segment", why=D + ": filesz > memsz")
    c.error("tls_align_not_pow2", tls(align=24), "bad PT_TLS segment", why=D + ": p_align 24")
    c.error("tls_outside", tls(vaddr=FAR), "PT_TLS lies outside the object", why=D)
    c.error("tls_memsz_huge", tls(memsz=1 << 63), "bad PT_TLS segment",
            why=D + ": a TLS block of 2^63 bytes, larger than the address space, can never "
                    "be allocated for any thread",
            bug="dso_parse checks only filesz <= memsz and the alignment: the library loads "
                "(status 0 here, with no libc) and tls_layout places a 2^63-byte static "
                "block; with our libc.so the glue then mmaps it and crashes")

    # ---- the dynamic section (dso_parse)
    c.error("dynamic_outside", mutated(with_(phdr_edit=phedit(PT_DYNAMIC, vaddr=FAR))),
            "dynamic section lies outside the object", why=D)
    c.error("dynamic_past_segment", mutated(with_(phdr_edit=phedit(PT_DYNAMIC, memsz=0x10000))),
            "dynamic section lies outside the object", why=D + ": p_memsz past the segment")
    c.error("dynamic_no_null", mutated(with_(phdr_edit=phedit(
        PT_DYNAMIC, memsz=lambda L: 16 * (L["dynamic.count"] - 1)))),
        "dynamic section has no DT_NULL", why=D + ": PT_DYNAMIC ends before DT_NULL")
    c.error("dynamic_empty", mutated(with_(phdr_edit=phedit(PT_DYNAMIC, memsz=0))),
            "dynamic section has no DT_NULL", why=D + ": p_memsz 0")

    # ---- string table
    c.error("no_strtab", mutated(with_(dyn_edit=drop("STRTAB"))), "no DT_STRTAB", why=D)
    c.error("strtab_outside", mutated(with_(dyn_edit=setdyn(STRTAB=FAR))),
            "DT_STRTAB lies outside the object", why=T % "DT_STRTAB")
    c.error("strsz_huge", mutated(with_(dyn_edit=setdyn(STRSZ=1 << 40))),
            "DT_STRTAB lies outside the object", why=T % "DT_STRTAB" + " (DT_STRSZ 2^40)")
    c.error("strsz_wraps", mutated(with_(dyn_edit=setdyn(STRSZ=U64))),
            "DT_STRTAB lies outside the object", why=T % "DT_STRTAB" + " (DT_STRSZ 2^64-1)")
    c.error("strtab_unterminated",
            mutated(with_(dyn_edit=setdyn(STRSZ=lambda L: L["dynstr.size"] - 1))),
            "string table is not NUL-terminated",
            why=D + ": DT_STRSZ one short: its last byte is the last name's last letter")
    c.error("strsz_zero", mutated(with_(dyn_edit=setdyn(STRSZ=0))),
            "string table is not NUL-terminated", why=D + ": strsz == 0")

    # ---- symbol table and SysV hash
    c.error("syment_wrong", mutated(with_(dyn_edit=setdyn(SYMENT=16))), "bad DT_SYMENT 16",
            why=D)
    c.error("symtab_outside", mutated(with_(dyn_edit=setdyn(SYMTAB=lambda L: L["ro_end"] - 8))),
            "DT_SYMTAB lies outside the object",
            why=T % "DT_SYMTAB" + ": nsyms (DT_HASH nchain) entries from 8 bytes before the "
                "end of the R+X segment")
    c.error("no_symtab", mutated(with_(dyn_edit=drop("SYMTAB"))), "no DT_SYMTAB",
            why=D + ": a hash table counts symbols, no table holds them")
    c.error("hash_outside", mutated(with_(dyn_edit=setdyn(HASH=FAR))),
            "DT_HASH lies outside the object", why=T % "DT_HASH")
    c.error("hash_nbucket_huge", mutated(with_(patch=lambda img, L: put32(
        img, L, L["hash"], 0x40000000))),
        "DT_HASH lies outside the object", why=T % "DT_HASH" + ": nbucket 2^30")
    c.error("hash_nchain_huge", mutated(with_(patch=lambda img, L: put32(
        img, L, L["hash"] + 4, 0xFFFFFFFF))),
        "DT_HASH lies outside the object", why=T % "DT_HASH" + ": nchain 2^32-1")
    def missing(*refs):
        """The lines after the first for a case whose library defines
        nothing findable: each later reference, (object, symbol)."""
        return [(obj, "symbol %s not found (needed by %s)" % (sym, obj)) for obj, sym in refs]
    c.error("hash_nbucket_zero", mutated(with_(patch=lambda img, L: put32(img, L, L["hash"], 0)),
                                         hash="sysv"),
            "symbol badso_var not found (needed by hash_nbucket_zero/%s)" % LIB,
            more=missing(("hash_nbucket_zero/" + LIB, "badso_fn"), ("prog", "badso_fn")),
            why="symbols.c sysv_lookup: no buckets, nothing is found (no division by zero); "
                "the library's own ABS64 against badso_var fails first, then its GLOB_DAT "
                "against badso_fn and the program's: every missing symbol has its line "
                "(reloc.c symbol_missing)")

    def sysv_loop(self_loop):
        def m(o):
            o.sym("badso_loop", STT_OBJECT, value="var", size=8, shndx=18)
            o.sysv_nbucket = 1

            def patch(img, L):
                i = L["symidx"]
                var, loop, fn = i["badso_var"], i["badso_loop"], i["badso_fn"]
                chain = L["hash"] + 12
                put32(img, L, L["hash"] + 8, var)                 # bucket[0]
                put32(img, L, chain + 4 * fn, 0)
                put32(img, L, chain + 4 * var, var if self_loop else loop)
                put32(img, L, chain + 4 * loop, var)
            o.patch = patch
        return mutated(m, hash="sysv")
    LOOP = ("symbols.c sysv_lookup: at most nchain steps ('a chain longer than the table "
            "has a loop'); badso_fn is on no chain, so its lookup fails (reloc.c "
            "symbol_missing) -- the library's own GLOB_DAT against it is relocated first, "
            "then the program's, each reported")
    for case, self_loop in (("sysv_chain_loop", False), ("sysv_chain_self_loop", True)):
        c.error(case, sysv_loop(self_loop),
                "symbol badso_fn not found (needed by %s/%s)" % (case, LIB),
                more=missing(("prog", "badso_fn")), why=LOOP)

    # ---- GNU hash (dso_parse.c gnu_hash_parse)
    G = "dso_parse.c gnu_hash_parse"
    c.error("gnu_hash_outside", mutated(with_(dyn_edit=setdyn(GNU_HASH=FAR))),
            "DT_GNU_HASH lies outside the object", why=G)
    c.error("gnu_bloom_zero", mutated(with_(patch=lambda img, L: put32(
        img, L, L["gnu_hash"] + 8, 0))), "DT_GNU_HASH has a bad Bloom filter",
        why=G + ": bloom_size 0")
    c.error("gnu_bloom_not_pow2", mutated(with_(gnu_bloom=3)),
            "DT_GNU_HASH has a bad Bloom filter", why=G + ": bloom_size 3")
    c.error("gnu_bloom_shift_64", mutated(with_(patch=lambda img, L: put32(
        img, L, L["gnu_hash"] + 12, 64))), "DT_GNU_HASH has a bad Bloom filter",
        why=G + ": bloom_shift 64")
    c.error("gnu_nbuckets_huge", mutated(with_(patch=lambda img, L: put32(
        img, L, L["gnu_hash"], 0x40000000))), "DT_GNU_HASH lies outside the object",
        why=G + ": nbuckets 2^30")

    def clear_chain_ends(img, L):
        o = L["gnu_hash.chains"]
        for k in range(L["nsyms"] - L["symoffset"]):
            v = struct.unpack_from("<I", img, o + 4 * k)[0]
            put32(img, L, o + 4 * k, v & ~1)
    c.error("gnu_chain_unterminated",
            mutated(with_(gnu_last=True, patch=clear_chain_ends), hash="gnu"),
            "DT_GNU_HASH chain runs off the object",
            why=G + ": no chain entry has bit 0 set and the table ends the segment")
    c.error("gnu_bucket_huge", mutated(with_(patch=lambda img, L: put32(
        img, L, L["gnu_hash"] + 16 + 8, 0x10000000)), hash="gnu"),
        "DT_GNU_HASH chain runs off the object", why=G + ": a bucket names symbol 2^28")
    c.error("gnu_chains_outside_with_sysv",
            mutated(with_(gnu_last=True, patch=lambda img, L: put32(
                img, L, L["hash"] + 4, L["nsyms"] + 1))),
            "DT_GNU_HASH chains lie outside the object",
            why=G + ": DT_HASH's nchain counts one symbol more than the GNU chains hold")
    c.error("gnu_symoffset_huge", mutated(with_(patch=lambda img, L: put32(
        img, L, L["gnu_hash"] + 4, 0x10000000)), hash="gnu"),
        "DT_SYMTAB lies outside the object",
        why=G + ": every bucket is below symoffset, so nsyms = symoffset = 2^28; "
                "then check_table of the symbol table")
    c.control("gnu_chain_unterminated_with_sysv",
              mutated(with_(gnu_last=True, patch=clear_chain_ends)),
              G + ", symbols.c gnu_lookup: with DT_HASH the chains are bounded by nchain: "
                  "an unterminated chain ends at the last symbol (must not hang)")

    # The Bloom filter is not bounds-checked: header in the R+X segment,
    # buckets in the R+W one two pages up, the words between them in the
    # PROT_NONE hole elf_map leaves between the segments.
    def bloom_gap():
        gh = gnu_hash_of
        o = library(hash="gnu")
        o.rw_gap = 0x3000       # 0x800 Bloom words: badso_var's falls in the hole
        # the header: 16 bytes ending the R+X segment (the last code entry)
        o.code.append(("gnu_head", 16, lambda addr, L: bytes(16)))
        o.dyn_edit = lambda d: [[t, "gnu_head" if t == DT["GNU_HASH"] else v] for t, v in d]
        _, L0 = o.build()       # lay out once to learn the addresses
        head, nsyms, symoffset = L0["gnu_head"], L0["nsyms"], L0["symoffset"]
        words = (L0["rw_vaddr"] - head - 16) // 8
        assert L0["ro_end"] == head + 16 and words & (words - 1) == 0, (L0, words)
        # one bucket and the chains, first in the R+W segment
        names = sorted(L0["symidx"], key=L0["symidx"].get)[symoffset - 1:]
        tail = struct.pack("<I", symoffset) + b"".join(
            struct.pack("<I", (gh(n) & ~1) | (k + 1 == len(names))) for k, n in enumerate(names))
        o.rw_first = [("gnu_tail", tail)]

        def patch(img, L):
            assert L["gnu_tail"] == head + 16 + 8 * words and L["gnu_head"] == head
            img[head:head + 16] = struct.pack("<IIII", 1, symoffset, words, 6)
        o.patch = patch
        # the first lookup rtld makes in this library (its own ABS64
        # against badso_var) reads a Bloom word in the hole
        hole = (L0["ro_end"] + 0xFFF) & -0x1000, L0["rw_vaddr"] & -0x1000
        word = head + 16 + 8 * ((gh("badso_var") >> 6) & (words - 1))
        assert hole[0] <= word < hole[1], (hex(word), hole)
        return o
    c.error("gnu_bloom_spans_gap", bloom_gap, "DT_GNU_HASH lies outside the object",
            why=G + ": the table is header, Bloom words, buckets, chains; its Bloom words "
                    "lie between the segments, in no PT_LOAD",
            bug="gnu_hash_parse checks the 16-byte header and the buckets but not the Bloom "
                "words between them: bloom_may_have reads the PROT_NONE hole -> SIGSEGV")

    # ---- other tables (dso_parse check_table)
    for tag, name in (("VERSYM", "versym_outside"), ("RELA", "rela_outside"),
                      ("JMPREL", "jmprel_outside"), ("REL", "rel_outside"),
                      ("RELR", "relr_table_outside"), ("INIT_ARRAY", "init_array_outside"),
                      ("FINI_ARRAY", "fini_array_outside"),
                      ("PREINIT_ARRAY", "preinit_array_outside")):
        sizes = dict(JMPREL="PLTRELSZ", REL="RELSZ", RELR="RELRSZ", INIT_ARRAY="INIT_ARRAYSZ",
                     FINI_ARRAY="FINI_ARRAYSZ", PREINIT_ARRAY="PREINIT_ARRAYSZ")
        vals = {tag: FAR}
        if tag in sizes:
            vals[sizes[tag]] = 8
        dt_name = "DT_" + tag
        c.error(name, mutated(with_(dyn_edit=setdyn(**vals))),
                "%s lies outside the object" % dt_name, why=T % dt_name)
    c.error("versym_past_segment",
            mutated(with_(dyn_edit=setdyn(VERSYM=lambda L: L["ro_end"] - 2))),
            "DT_VERSYM lies outside the object",
            why=T % "DT_VERSYM" + ": 2 * nsyms bytes from 2 bytes before the segment's end")
    c.error("relasz_huge", mutated(with_(dyn_edit=setdyn(RELASZ=1 << 40))),
            "DT_RELA lies outside the object", why=T % "DT_RELA")
    c.error("init_arraysz_huge", mutated(with_(dyn_edit=setdyn(INIT_ARRAYSZ=1 << 40)),
                                         init_msg="x\n"),
            "DT_INIT_ARRAY lies outside the object", why=T % "DT_INIT_ARRAY")

    # Sizes without their tables: rtld treats a zero address as "absent"
    # (check_table skips it), as glibc does (l_info[DT_RELA] == NULL: no
    # relocations).  The size must then be ignored too.
    ABSENT = ("dso_parse.c: 'v[%s] ? b + v[%s] : 0' and check_table's 'addr &&': an absent "
              "table is skipped, so its size must be ignored too (glibc: l_info[%s] == NULL "
              "means none)")
    for size, table, name, prog, bug in (
            ("RELASZ", "RELA", "relasz_without_rela", "prog",
             "apply_table(d, 0, relasz) reads relocations at address 0 -> SIGSEGV"),
            ("PLTRELSZ", "JMPREL", "pltrelsz_without_jmprel", "prog",
             "apply_table(d, 0, pltrelsz) reads relocations at address 0 -> SIGSEGV"),
            ("RELRSZ", "RELR", "relrsz_without_relr", "prog",
             "apply_relr reads DT_RELR entries at address 0 -> SIGSEGV"),
            ("INIT_ARRAYSZ", "INIT_ARRAY", "init_arraysz_without_array", "prog_ctors",
             "init_fini.c run_array reads init_array[0] at address 0 -> SIGSEGV")):
        c.control(name, mutated(with_(dyn_edit=lambda d, size=size, table=table:
                                      [e for e in drop(table)(d)] + [[DT[size], 48]])),
                  ABSENT % (("DT_" + table,) * 3), prog=prog, bug=bug)

    # DT_INIT is an address like DT_INIT_ARRAY, but dso_parse does not check it
    c.error("init_outside", mutated(with_(dyn_edit=setdyn(INIT=FAR))),
            "DT_INIT lies outside the object", prog="prog_ctors",
            why=T % "DT_INIT" + " -- the check dso_parse makes for DT_INIT_ARRAY",
            bug="dso_parse adds the bias to DT_INIT (and DT_FINI) without checking it: "
                "run_constructors calls base+0x100000 -> SIGSEGV")

    c.error("fini_outside", mutated(with_(dyn_edit=setdyn(FINI=FAR))),
            "DT_FINI lies outside the object", prog="prog_ctors_dtors",
            why=T % "DT_FINI" + " -- the check dso_parse makes for DT_FINI_ARRAY",
            bug="dso_parse adds the bias to DT_FINI without checking it: run_destructors "
                "(libc's exit) calls base+0x100000 -> SIGSEGV")

    # ---- no dynamic section, no hash table
    c.error("no_dynamic", mutated(with_(phdr_edit=lambda ph, L: [
        p for p in ph if p["type"] != PT_DYNAMIC])),
        "symbol badso_fn not found (needed by prog)", file="prog",
        why="dso_parse.c: without PT_DYNAMIC an object has nothing to link and defines "
            "nothing; the program's GLOB_DAT then fails (reloc.c symbol_missing)")
    c.error("no_hash_table", library(hash="none"),
            lambda L: "relocation names symbol %d of 0" % L["symidx"]["badso_var"],
            why="dso_parse.c: nsyms comes from DT_HASH or DT_GNU_HASH only; without either "
                "the library's own ABS64 names a symbol past the table (reloc.c resolve)")

    # ---- strings named by tags (dso_parse dyn_string, load.c load_dependencies)
    for tag in ("SONAME", "RUNPATH", "RPATH"):
        c.error(tag.lower() + "_out_of_range",
                mutated(with_(dyn_edit=setdyn(**{tag: lambda L: L["dynstr.size"]}))),
                "DT_%s names a string outside the string table" % tag,
                why="dso_parse.c dyn_string: offset == DT_STRSZ")
    c.error("needed_out_of_range", mutated(with_(dyn_edit=lambda d: [[DT["NEEDED"], 0x7FFFFFFF]] + d)),
            "DT_NEEDED names a string outside the string table",
            why="load.c load_dependencies: d_val >= strsz; FILE is the object holding it")
    c.error("needed_out_of_range_in_program", None,
            "DT_NEEDED names a string outside the string table", file="prog_bad_needed",
            prog="prog_bad_needed", library_path="control_valid",
            why="load.c load_dependencies, for the program")
    c.casedir("needed_broken_dependency")
    c.lib("needed_broken_dependency", valid[:40], "libbadso_dep.so")
    c.lib("needed_broken_dependency", library(needed=["libbadso_dep.so"]))
    c.case("needed_broken_dependency", NOEXEC, "truncated ELF header (40 of 64 bytes)",
           file="needed_broken_dependency/libbadso_dep.so",
           why="load.c try_open: the line names the dependency that is broken, not the "
               "library needing it")
    c.error("needed_missing", library(needed=["libbadso_nonexistent.so"]),
            "library libbadso_nonexistent.so needed by needed_missing/%s not found" % LIB,
            NOTFOUND, file=None, why="load.c load_library: 127, no FILE")
    c.error("textrel", mutated(with_(extra_dyn=[(DT["TEXTREL"], 0)])),
            "has text relocations, which rtld refuses", why="load.c map_opened: d->textrel")
    c.error("textrel_flag", mutated(with_(extra_dyn=[(DT["FLAGS"], DF_TEXTREL)])),
            "has text relocations, which rtld refuses", why="dso_parse.c: DF_TEXTREL in DT_FLAGS")

    # ---- symbol versions
    c.error("verneed_outside", verneed_lib(verneed=FAR),
            "DT_VERNEED lies outside the object",
            why=T % "DT_VERNEED" + " -- as for DT_VERSYM; the library's own ABS64 "
                "against badso_var (versym 2) makes symbols.c version_wanted read it",
            bug="dso_parse takes DT_VERNEED (and DT_VERDEF) unchecked; version_wanted "
                "follows vn_aux/vn_next from base+0x100000 -> SIGSEGV")
    c.error("verdef_outside", versioned_lib(verdef=FAR), "DT_VERDEF lies outside the object",
            prog="prog_versioned",
            why=T % "DT_VERDEF" + " -- the program asks for badso_fn@BADSO_1, so "
                "symbols.c version_ok walks the library's verdefs",
            bug="dso_parse takes DT_VERDEF unchecked; version_ok reads vd_flags at "
                "base+0x100000 -> SIGSEGV")

    # ---- relocations (reloc.c, arch/<cpu>/reloc_<cpu>.c)
    c.error("reloc_unknown_type", mutated(add_reloc("ptr", 200)),
            "unsupported relocation type 200", why=RL + ": arch_reloc_kind RK_UNKNOWN")
    c.error("reloc_type_link_only", mutated(add_reloc("ptr", "LINK_ONLY", "badso_var")),
            "unsupported relocation type %d" % R["LINK_ONLY"],
            why=RL + ": " + reloc_name("LINK_ONLY") + " is for static linking only")
    c.error("reloc_type_huge", mutated(add_reloc("ptr", 0xFFFFFFFF)),
            "unsupported relocation type 4294967295", why=RL + " (%u of the type)")
    c.error("reloc_symbol_past_table", mutated(add_reloc("ptr", "ABS64", 1000)),
            lambda L: "relocation names symbol 1000 of %d" % L["nsyms"],
            why="reloc.c resolve: symidx >= nsyms (DT_HASH nchain)")
    c.error("reloc_symbol_max", mutated(add_reloc("ptr", "GLOB_DAT", 0xFFFFFFFF)),
            lambda L: "relocation names symbol 4294967295 of %d" % L["nsyms"],
            why="reloc.c resolve: symidx >= nsyms")
    OUT = "%s relocates {ADDR}, outside the object"
    c.error("reloc_offset_outside", mutated(add_reloc(FAR, "RELATIVE", 0, 0)),
            OUT % reloc_name("RELATIVE"), addr_offset=FAR, why=RL + ": dso_contains_cached")
    c.error("reloc_offset_in_gap",
            mutated(add_reloc(lambda L: (L["ro_end"] + 15) & -8, "ABS64", "badso_var")),
            OUT % reloc_name("ABS64"), addr_offset=lambda L: (L["ro_end"] + 15) & -8,
            why=RL + ": between the R+X segment's end and the R+W one's start (mapped "
                "page, but in no PT_LOAD)")
    c.error("reloc_offset_straddles_end",
            mutated(add_reloc(lambda L: L["rw_end"] - 4, "GLOB_DAT", "badso_fn")),
            OUT % reloc_name("GLOB_DAT"), addr_offset=lambda L: L["rw_end"] - 4,
            why=RL + ": 8 bytes from 4 before the segment's end")
    c.error("reloc_offset_negative", mutated(add_reloc(-16, "RELATIVE", 0, 0)),
            OUT % reloc_name("RELATIVE"), addr_offset=-16,
            why=RL + ": r_offset 2^64-16 wraps below the object")
    c.error("reloc_in_readonly_segment", mutated(add_reloc("dynsym", "RELATIVE", 0, 0)),
            reloc_name("RELATIVE") + " relocates {ADDR}, in a read-only segment",
            addr_offset=lambda L: L["dynsym"],
            why="gABI: without DT_TEXTREL no relocation applies to a non-writable segment; "
                "rtld refuses DT_TEXTREL itself (load.c), so such a place (here the "
                "symbol table, in the R+X segment) is an error. "
                "The message is a proposal worded like apply_table's",
            bug="apply_table checks only that the place is inside a PT_LOAD; writing the "
                "R+X segment faults -> SIGSEGV")
    c.error("irelative_outside", mutated(add_reloc("ptr", "IRELATIVE", 0, FAR)),
            reloc_name("IRELATIVE") + " calls {ADDR}, not code of the object", addr_offset=FAR,
            why="psABI: the resolver B + A is a function of the object; B + 0x100000 is in "
                "no PT_LOAD of it. The message is a proposal worded like apply_table's",
            bug="arch_reloc_apply calls B + A unchecked -> SIGSEGV (the same holds for an "
                "STT_GNU_IFUNC definition's st_value in reloc.c resolve)")
    c.error("irelative_data", mutated(add_reloc("ptr", "IRELATIVE", 0, lambda L: L["ptr"])),
            reloc_name("IRELATIVE") + " calls {ADDR}, not code of the object",
            addr_offset=lambda L: L["ptr"],
            why="psABI: the resolver is a function; a place in the writable, non-executable "
                "data segment is inside the object but not code, and calling it would fault",
            bug="a check for 'inside a PT_LOAD' alone would call data -> SIGSEGV")
    c.error("reloc_32_overflow", mutated(add_reloc("ptr", "ABS32", "badso_var")),
            reloc_name("ABS32") + " overflows at {ADDR}", addr_offset=lambda L: L["ptr"],
            why="reloc.c reloc_put32: a library's address (bias far above 4 GiB under the "
                "kernel's and qemu's mmap) does not fit 32 bits")
    c.error("reloc_symbol_missing",
            mutated(add_reloc("ptr", "GLOB_DAT", "badso_missing",
                              extra_sym=dict(name="badso_missing", type=STT_OBJECT))),
            "symbol badso_missing not found (needed by reloc_symbol_missing/%s)" % LIB,
            why="reloc.c symbol_missing")
    c.error("jmprel_symbol_missing",
            mutated(add_reloc("ptr", "JUMP_SLOT", "badso_missing_fn", table="plt",
                              extra_sym=dict(name="badso_missing_fn"))),
            "symbol badso_missing_fn not found (needed by jmprel_symbol_missing/%s)" % LIB,
            why="reloc.c symbol_missing, through DT_JMPREL")
    c.error("symbol_missing_in_program", library(define_fn=False),
            "symbol badso_fn not found (needed by prog)", file="prog",
            why="reloc.c symbol_missing for the program's GLOB_DAT; FILE is the program")
    c.error("reloc_symbol_name_outside",
            mutated(add_reloc("ptr", "ABS64", "badso_strange",
                              extra_sym=dict(name="badso_strange", st_name=0x7FFFFFF0))),
            lambda L: "symbol %d names a string outside the string table"
            % L["symidx"]["badso_strange"],
            why="the referencing symbol's st_name must be < DT_STRSZ before its name is "
                "hashed (dso_parse's comment: 'st_name of each symbol is checked against "
                "strsz when it is compared'); message worded like dyn_string's",
            bug="reloc.c resolve computes name = strtab + st_name unchecked and hashes it "
                "(lookup -> gnu_hash) -> reads base+2 GiB -> SIGSEGV")
    c.error("copy_undefined_weak",
            mutated(add_reloc("ptr", "COPY", "badso_weak",
                              extra_sym=dict(name="badso_weak", type=STT_OBJECT, bind=STB_WEAK))),
            reloc_name("COPY") + " of an undefined symbol",
            why="reloc.c resolve: weak and not found -> def.sym NULL; reloc_copy")
    c.error("copy_symbol_zero", mutated(add_reloc("ptr", "COPY", 0)),
            reloc_name("COPY") + " of an undefined symbol",
            why="reloc.c resolve: symbol 0 is not looked up -> def.sym NULL")

    def copy_huge(o):
        o.syms[1]["size"] = 0x10000000
        o.reloc("ptr", "COPY", "badso_var")
    c.error("copy_size_huge", mutated(copy_huge), OUT % reloc_name("COPY"),
            addr_offset=lambda L: L["ptr"],
            why=RL + ": the place of a COPY is st_size bytes, not 8; 256 MiB from badso_ptr "
                "is far outside the object (and so is the source, badso_var)",
            bug="apply_table checks 8 bytes at the place; arch_reloc_apply memcpy()s "
                "st_size (256 MiB) bytes -> SIGSEGV")
    # A place is as wide as its type writes: 4 bytes for a 32-bit type, the
    # size copied for a COPY (lld puts copied variables at the end of .bss)
    PW = ("reloc.c place_ok: the place's width, not 8 bytes for every type: ")
    END4 = lambda L: L["rw_end"] - 4  # noqa: E731
    c.control("reloc_32_at_segment_end", mutated(add_reloc(END4, "ABS32", 0, 42)), why=PW +
              "a 32-bit place in the last 4 bytes of the writable segment (symbol 0: S = 0, "
              "the value 42 fits); musl's linker applies it")
    small = dict(name="badso_small", type=STT_OBJECT, value="var", size=4, shndx=SHN_DATA)
    c.control("copy_at_segment_end",
              mutated(add_reloc(END4, "COPY", "badso_small", extra_sym=small)), why=PW +
              "a 4-byte COPY (of the library's own 4-byte symbol) into the last 4 bytes of "
              "the writable segment; musl's linker applies it")
    END2 = lambda L: L["rw_end"] - 2  # noqa: E731
    c.error("reloc_32_straddles_end", mutated(add_reloc(END2, "ABS32", 0, 42)),
            OUT % reloc_name("ABS32"), addr_offset=END2,
            why=PW + "4 bytes from 2 before the segment's end")
    c.error("copy_straddles_end",
            mutated(add_reloc(END2, "COPY", "badso_small", extra_sym=small)),
            OUT % reloc_name("COPY"), addr_offset=END2,
            why=PW + "a 4-byte COPY from 2 before the segment's end")
    c.error("tpoff_without_tls", mutated(add_reloc("ptr", "TPOFF64", "badso_var")),
            "TLS relocation against a module without TLS",
            why="reloc.c reloc_tpoff: def has no tls_id")
    c.error("tpoff_symbol_zero_without_tls", mutated(add_reloc("ptr", "TPOFF64", 0)),
            "TLS relocation against a module without TLS",
            why="reloc.c resolve: symbol 0 (STB_LOCAL) means the module itself, which has "
                "no PT_TLS")

    # ---- DT_RELR (reloc.c apply_relr)
    RR = "reloc.c apply_relr: 'DT_RELR relocates a place outside the object'"
    c.error("relr_address_outside", mutated(with_(relr=[FAR])),
            "DT_RELR relocates a place outside the object", why=RR)
    c.error("relr_bitmap_past_end", mutated(with_(relr=[lambda L: L["rw_end"] - 8, U64])),
            "DT_RELR relocates a place outside the object",
            why=RR + ": an address entry at the last word, then a full bitmap")
    c.error("relr_bitmap_first", mutated(with_(relr=[3])),
            "DT_RELR relocates a place outside the object",
            why=RR + ": a bitmap with no address before it relocates from address 0")

    # ---- DT_NEEDED graphs (load.c load_dependencies, init_fini.c)
    def cycle():
        a = library(needed=["libbadso_b.so"])
        c.lib("needed_cycle", library(needed=[LIB], define_fn=False), "libbadso_b.so")
        return a
    c.control("needed_cycle", cycle,
              "load.c find_loaded_name: libbadso.so needs libbadso_b.so needs libbadso.so; "
              "init_fini_order cuts the cycle")
    c.control("needed_self", library(needed=[LIB]),
              "load.c find_loaded_name: a library needing itself is already loaded")
    c.control("needed_self_by_path", library(needed=["needed_self_by_path/" + LIB]),
              "load.c map_opened: the same dev/ino under another name is the same object")

    def chain_dir():
        # libbadso.so -> libchain0001.so -> ... -> libchain1999.so: 2000
        # libraries, each with a constructor printing its number
        for i in range(1, CHAIN):
            nxt = ["libchain%04d.so" % (i + 1)] if i + 1 < CHAIN else []
            c.lib("needed_chain_2000", library(needed=nxt, init_msg="%04d\n" % i),
                  "libchain%04d.so" % i)
        return library(needed=["libchain0001.so"], init_msg="0000\n")
    c.casedir("needed_chain_2000")
    c.lib("needed_chain_2000", chain_dir())
    c.case("needed_chain_2000", 0, None, kind="control", prog="prog_ctors",
           stdout="".join("%04d\n" % i for i in reversed(range(CHAIN))),
           why="load.c load_dependencies (breadth first, hashed names) and init_fini.c "
               "init_fini_order (iterative depth-first post-order: the last library's "
               "constructor first)")

    def wide():
        for i in range(CHAIN):
            c.lib("needed_wide_2000", library(init_msg="%04d\n" % i), "libwide%04d.so" % i)
        p = program(needed=["libwide%04d.so" % i for i in range(CHAIN)], call_ctors=True)
        c.write("needed_wide_2000/prog", p.build()[0])
    c.casedir("needed_wide_2000")
    wide()
    c.case("needed_wide_2000", 0, None, kind="control", prog="needed_wide_2000/prog",
           stdout="".join("%04d\n" % i for i in range(CHAIN)),
           why="a program with 2000 DT_NEEDED entries; constructors in DT_NEEDED order "
               "(init_fini.c: post-order over independent libraries)")

    return write_manifest(outdir, c.cases)


if __name__ == "__main__":
    sys.exit(generator_main(generate, sys.argv))
