#!/usr/bin/env python3
"""Prints Google Benchmark JSON results as a Markdown table, with SQLCipher/plain ratios."""
import json
import sys


def fmt(v):
    if isinstance(v, float):
        return f"{v:,.3f}" if v < 100 else f"{v:,.0f}"
    return str(v)


rows = []
for path in sys.argv[1:]:
    with open(path) as f:
        data = json.load(f)
    for b in data.get("benchmarks", []):
        if b.get("run_type") == "aggregate":
            continue
        name = b["name"].split("/")[0]
        # The label is "<mode> [variant]": the mode pairs encrypted with plain, a variant names the case.
        label, _, variant = b.get("label", "").partition(" ")
        if variant:
            name = f"{name} ({variant})"
        extra = {k: v for k, v in b.items() if k not in (
            "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
            "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit", "label")}
        rows.append((name, label, b["real_time"], b["time_unit"], extra))

print("| benchmark | mode | time | extra |")
print("|---|---|---|---|")
for name, label, t, unit, extra in rows:
    print(f"| {name} | {label} | {fmt(t)} {unit} | " + ", ".join(f"{k}={fmt(v)}" for k, v in extra.items()) + " |")

# SQLCipher / plain ratios for benchmarks that ran in both modes.
pairs = {}
for name, label, t, unit, extra in rows:
    pairs.setdefault(name, {})[label] = (t, extra)
ratios = [(n, m["sqlcipher"], m["plain"]) for n, m in pairs.items() if "sqlcipher" in m and "plain" in m]
if ratios:
    print()
    print("| workload | SQLCipher / plain | target |")
    print("|---|---|---|")
    for name, enc, plain in ratios:
        key = "p95_ms" if "p95_ms" in enc[1] else None
        e = enc[1][key] if key else enc[0]
        p = plain[1][key] if key else plain[0]
        r = e / p if p else float("nan")
        print(f"| {name}{' (p95)' if key else ''} | {r:.2f} | ≤ 1.25 {'✓' if r <= 1.25 else '✗'} |")
