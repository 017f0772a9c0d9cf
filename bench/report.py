#!/usr/bin/env python3
"""Final table and target checks of a bench/run.sh run (python3 stdlib only).

  report.py RESULTS.tsv LABELS.tsv

RESULTS.tsv rows (results.py): KEY/REG unit median min max n values, REG being
dist (CNCF Distribution), pc (Portalcrane) or ref (a physical reference).
LABELS.tsv rows (run.sh `describe`): KEY label unit higher|lower.

Figures are medians over the runs. The ratio says how many times better
Portalcrane did than Distribution: PC/Dist for rates (MB/s, req/s), Dist/PC
for times and memory; above 1 means Portalcrane did better.
"""
import sys

sys.dont_write_bytecode = True
from results import fmt, read  # noqa: E402  (same folder)

results = read(sys.argv[1])
labels = {}
with open(sys.argv[2]) as f:
    for line in f:
        key, label, unit, better = line.rstrip("\n").split("\t")
        labels[key] = (label, unit, better)


def row(key, reg):
    unit = labels[key][1]
    return results.get((f"{key}/{reg}", unit))


def med(key, reg):
    r = row(key, reg) if key in labels else None
    return r and r["median"]


def ratio(key):
    """How many times better Portalcrane did than Distribution on KEY."""
    d, p = med(key, "dist"), med(key, "pc")
    if not d or not p:
        return None
    return p / d if labels[key][2] == "higher" else d / p


def table(header, rows, align):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    cell = lambda v, i: str(v).ljust(widths[i]) if align[i] == "l" else str(v).rjust(widths[i])
    line = lambda r: "| " + " | ".join(cell(v, i) for i, v in enumerate(r)) + " |"
    print(line(header))
    print("|" + "|".join(("-" * (w + 1) + ":" if a == "r" else "-" * (w + 2)) for w, a in zip(widths, align)) + "|")
    for r in rows:
        print(line(r))


num = lambda x: "–" if x is None else fmt(x)
times = lambda x: "–" if x is None else f"{x:.2f}x"

# --- registry workloads: Distribution vs Portalcrane
rows = []
for key, (label, unit, better) in labels.items():
    d, p = med(key, "dist"), med(key, "pc")
    if d is None and p is None:
        continue
    n = max((row(key, reg) or {"n": 0})["n"] for reg in ("dist", "pc"))
    rows.append([label, unit + (" ↑" if better == "higher" else " ↓"), num(d), num(p), times(ratio(key)), n])
print("\nDistribution 2.8.2 vs Portalcrane (medians; ↑ higher is better, ↓ lower is better;")
print("ratio = how many times better Portalcrane did, > 1.00x means Portalcrane is better)\n")
table(["workload", "unit", "Distribution", "Portalcrane", "ratio", "runs"], rows, "llrrrr")

# --- physical references measured in the same run
refs = [("sha256", "upload"), ("nginx_get", "get"), ("nginx_get", "get_first"), ("fill", "get_first"), ("disk", "get_first")]
rows = []
for ref, key in refs:
    r = med(ref, "ref")
    if r is None:
        continue
    d, p = med(key, "dist"), med(key, "pc")
    rows.append([labels[ref][0], labels[ref][1], num(r), labels[key][0], num(d), num(p),
                 "–" if p is None else f"{100 * p / r:.0f}%"])
if rows:
    print("\nPhysical references on this machine, same run\n")
    table(["reference", "unit", "figure", "compared with", "Distribution", "Portalcrane", "PC / ref"], rows, "llrlrrr")

# --- targets
checks = []


def check(text, ok, detail):
    checks.append(("SKIP" if ok is None else "PASS" if ok else "FAIL", text, detail))


r = ratio("upload")
check("raw upload: Portalcrane >= 4x Distribution",
      None if r is None else r >= 4, f"{times(r)} ({num(med('upload', 'pc'))} vs {num(med('upload', 'dist'))} MB/s)")
p, s = med("upload", "pc"), med("sha256", "ref")
check("raw upload: Portalcrane >= 70% of OpenSSL SHA-256",
      None if p is None or s is None else p >= 0.7 * s,
      "–" if p is None or s is None else f"{100 * p / s:.0f}% ({num(p)} vs {num(s)} MB/s)")
p, n = med("get", "pc"), med("nginx_get", "ref")
check("raw download: Portalcrane >= 90% of nginx",
      None if p is None or n is None else p >= 0.9 * n,
      "–" if p is None or n is None else f"{100 * p / n:.0f}% ({num(p)} vs {num(n)} MB/s)")
for key, what in (("push1g", "skopeo push"), ("pull1g", "skopeo pull")):
    d, p = med(key, "dist"), med(key, "pc")
    check(f"{what} of the big image: Portalcrane time <= Distribution time",
          None if d is None or p is None else p <= d, f"{num(p)} s vs {num(d)} s")
r = ratio("manifest")
check("manifest GET by tag: Portalcrane >= 3x Distribution req/s",
      None if r is None else r >= 3, f"{times(r)} ({num(med('manifest', 'pc'))} vs {num(med('manifest', 'dist'))} req/s)")
r = ratio("catalog")
check("full _catalog listing: Portalcrane >= 50x faster than Distribution",
      None if r is None else r >= 50, f"{times(r)} ({num(med('catalog', 'pc'))} s vs {num(med('catalog', 'dist'))} s)")
worst = [(key, what, row(key, "pc")["max"]) for key, what in (("mem_push1g", "skopeo push"), ("mem_upload", "raw upload"))
         if key in labels and row(key, "pc")]
check("Portalcrane peak memory above idle during the big push < 150 MB (worst run)",
      None if not worst else max(v for _, _, v in worst) < 150,
      ", ".join(f"{what} {num(v)} MB" for _, what, v in worst) or "–")

print("\nTargets\n")
for status, text, detail in checks:
    print(f"{status}  {text}: {detail}")
counts = {s: sum(1 for c in checks if c[0] == s) for s in ("PASS", "FAIL", "SKIP")}
print(f"\ntargets: {counts['PASS']} PASS, {counts['FAIL']} FAIL, {counts['SKIP']} SKIP")
sys.exit(1 if counts["FAIL"] and len(sys.argv) > 3 and sys.argv[3] == "--strict" else 0)
