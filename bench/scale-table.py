"""Turns bench/scale.sh's result lines (size, name, values...) into a markdown table, small against large."""
import sys

results, commit, connections, duration = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = {}
for line in open(results):
    size, name, *values = line.rstrip("\n").split("\t")
    rows[(size, name)] = values

labels = {
    "get-by-id": "GET /api/v1/resources/{id}",
    "list-admin": "page of 50 (page 3), admin",
    "list-operator": "page of 50, operator with grants",
    "list-tag": "page of 50, tag filter (1 % of resources)",
    "list-type-status": "page of 50, type + status filter",
    "list-status": "page of 50, status filter, admin",
    "list-type": "page of 50, type filter, admin",
    "list-operator-status": "page of 50, status filter, operator with grants",
    "list-deep": "deep page (the middle of the list), admin",
    "list-cursor": "cursor page of 50 (the second), admin",
    "list-type-status-cursor": "cursor page of 50, type + status filter",
    "list-tag-cursor": "cursor page of 50, tag filter",
    "audit-resource": "audit by resource",
    "audit-user": "audit by user",
    "audit-range": "audit by time range (one day)",
    "create": "POST /api/v1/resources",
}


def counts(size):
    c = rows.get((size, "counts"))
    return f"{int(c[0]):,} resources, {int(c[1]):,} users, {int(c[2]):,} policies, {int(c[3]):,} audit events" if c else "(not run)"


def num(text):
    return f"{float(text):,.0f}" if float(text) >= 100 else text


print(f"Commit `{commit}`; small: {counts('small')}; large: {counts('large')}.")
print(f"wrk, {connections} connections, {duration} measured after a warm-up, loopback; CPU µs/req is the API's user+system")
print("time over the measured run divided by the requests; ratio is large requests/s over small.\n")
print("| scenario | small req/s | small p99 ms | small CPU µs/req | large req/s | large p50 ms | large p99 ms | large CPU µs/req | ratio | non-2xx (small / large) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for key, label in labels.items():
    small, large = rows.get(("small", key)), rows.get(("large", key))
    if small is None and large is None:
        if ("small", key + "-skipped") in rows or ("large", key + "-skipped") in rows:
            print(f"| {label} | skipped: the API has no cursor | | | | | | | | |")
        continue
    s = small or ["-"] * 5
    lg = large or ["-"] * 5
    ratio = f"{float(lg[0]) / float(s[0]):.2f}" if small and large and float(s[0]) > 0 else "-"
    print(f"| {label} | {num(s[0]) if small else '-'} | {s[2]} | {num(s[3]) if small else '-'} | {num(lg[0]) if large else '-'} | {lg[1]} | {lg[2]} | "
          f"{num(lg[3]) if large else '-'} | {ratio} | {s[4]} / {lg[4]} |")

print("\n| background work and data | small | large | ratio |")
print("|---|---|---|---|")


def cell(size, render):
    values = rows.get((size, render[0]))
    return render[1](values) if values else "-"


def ratio(render):
    s, lg = rows.get(("small", render[0])), rows.get(("large", render[0]))
    if not s or not lg or render[2] is None:
        return "-"
    a, b = render[2](s), render[2](lg)
    return f"{b / a:.2f}" if a else "-"


def rate(v, index_done, index_seconds):
    seconds = float(v[index_seconds]) if v[index_seconds] not in ("", "timeout") else 0
    return int(v[index_done]) / seconds if seconds else 0


background = [
    ("load-before", lambda v: v[0], None, "load average (1 min) before the requests"),
    ("load-after", lambda v: v[0], None, "load average (1 min) after the requests"),
    ("seed-seconds", lambda v: f"{int(v[0]):,} s", lambda v: float(v[0]), "seeding time"),
    ("file-mb", lambda v: f"{int(v[0]):,} MB", lambda v: float(v[0]), "database file"),
    ("audit-verify", lambda v: "not run (VERIFY_SIZES)" if v[0] == "skipped" else f"valid: {v[0]}, {v[1]} events checked in {v[2]} s", None, "audit chain verification (GET /api/v1/audit/verify)"),
    ("worker", lambda v: f"{int(v[1]):,} jobs in {v[2]} s: {rate(v, 1, 2):,.0f} jobs/s ({int(v[0]):,} pending at the start, {v[3]} left)",
     lambda v: rate(v, 1, 2), "provisioning worker on the backlog"),
    ("expiry", lambda v: f"{int(v[1]):,} of {int(v[0]):,} expired resources in {v[2]} s", None, "one expiry scan"),
    ("drift-600", lambda v: f"{int(v[1]):,} checks in {v[2]} s: {int(v[1]) * 60 / int(v[2]):,.0f} checks/min; a pass over {int(v[0]):,} active: "
     f"{int(v[0]) / max(int(v[1]) * 60 / int(v[2]), 1):,.0f} min", lambda v: int(v[1]) / int(v[2]), "drift, default budget (600 calls/min/region)"),
    ("drift-100000", lambda v: f"{int(v[1]):,} checks in {v[2]} s: {int(v[1]) * 60 / int(v[2]):,.0f} checks/min; a pass over {int(v[0]):,} active: "
     f"{int(v[0]) / max(int(v[1]) * 60 / int(v[2]), 1):,.0f} min", lambda v: int(v[1]) / int(v[2]), "drift, budget 100,000 calls/min/region (the machine's ceiling)"),
]
for key, render, value, label in background:
    print(f"| {label} | {cell('small', (key, render))} | {cell('large', (key, render))} | {ratio((key, render, value))} |")
