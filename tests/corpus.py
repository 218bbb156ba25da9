"""What the two generated corpora (tests/malformed for the loader,
tests/badso for rtld) share: writing the manifest, the generators' command
line, and the runners' options, case selection and report."""
import argparse
import concurrent.futures
import json
import os
import shutil
import sys


class CorpusDir:
    """A corpus being written: its files under outdir and its cases, each
    case name used once."""

    def __init__(self, outdir):
        self.outdir = outdir
        self.cases = []
        self.names = set()

    def path(self, rel):
        return os.path.join(self.outdir, rel)

    def remove(self, rel):
        p = self.path(rel)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
        elif os.path.lexists(p):
            os.unlink(p)

    def write(self, rel, data, mode=0o755):
        self.remove(rel)
        p = self.path(rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        os.chmod(p, mode)
        return rel

    def claim(self, name):
        assert name not in self.names, "case named twice: " + name
        self.names.add(name)


def expected_stderr(tool, kind, file, message):
    """What TOOL prints for a case: nothing for a control case, else its
    one line, "TOOL: FILE: MESSAGE" (or "TOOL: MESSAGE" without a file)."""
    if kind == "control":
        return ""
    if file is None:
        return "%s: %s\n" % (tool, message)
    return "%s: %s: %s\n" % (tool, file, message)


def write_manifest(outdir, cases):
    manifest = dict(version=1, outdir=outdir, cases=cases)
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return manifest


def generator_main(generate, argv):
    """`GENERATOR [--cpu CPU] OUTDIR`: write the corpus for CPU (default
    x86_64) and its manifest."""
    ap = argparse.ArgumentParser(prog=os.path.basename(argv[0]))
    ap.add_argument("--cpu", default="x86_64")
    ap.add_argument("outdir")
    a = ap.parse_args(argv[1:])
    m = generate(a.outdir, a.cpu)
    print("%d cases written to %s" % (len(m["cases"]), a.outdir))
    return 0


def runner_args(doc, tool, jobs):
    """--TOOL PATH --corpus DIR [--cpu CPU] [--wrap CMD] [--jobs N] [CASE...]"""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--" + tool, required=True)
    ap.add_argument("--corpus", required=True, help="directory to generate the corpus into")
    ap.add_argument("--cpu", default="x86_64", help="the CPU %s was built for" % tool)
    ap.add_argument("--wrap", default="", help="command to run %s under, e.g. qemu-x86_64" % tool)
    ap.add_argument("--jobs", type=int, default=min(jobs, os.cpu_count() or 1))
    ap.add_argument("cases", nargs="*", help="run only these cases")
    return ap.parse_args()


def run_and_report(cases, only, run_one, jobs, tool):
    """Run the cases (all, or those named in only) with run_one(case) ->
    (PASS|FAIL|SKIP, detail), print a line each and `N passed, M failed`;
    returns the exit status."""
    if only:
        names = set(only)
        cases = [c for c in cases if c["name"] in names]
        missing = names - {c["name"] for c in cases}
        if missing:
            print("no such case: %s" % ", ".join(sorted(missing)))
            return 2
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(run_one, cases))
    counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
    for case, (verdict, detail) in zip(cases, results):
        line = "%s %s" % (verdict, case["name"])
        if detail:
            line += ": " + detail
        if verdict == "FAIL" and case.get("bug"):
            line += " [%s bug: %s]" % (tool, case["bug"])
        print(line)
        counts[verdict] += 1
    if counts["SKIP"]:
        print("(%d skipped)" % counts["SKIP"])
    print("%d passed, %d failed" % (counts["PASS"], counts["FAIL"]))
    return 1 if counts["FAIL"] or not counts["PASS"] else 0
