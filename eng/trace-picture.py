#!/usr/bin/env python3
"""Draws one trace as an SVG waterfall: a row per span (name, kind, service, process), a bar on a common time axis,
and its duration. Reads a trace as the OTLP receiver's API returns it (/api/telemetry/traces/{traceId} of the Aspire
dashboard, which tests/Cni.Testing/OtlpReceiver.cs runs; OTLP JSON, optionally wrapped in {"data": ...}).

A server span is where a plugin process starts serving its command, so each one opens a new process (#1, #2, ...)
for itself and the spans under it; the spans above the first belong to the runtime's process (#0).

Usage: eng/trace-picture.py TRACE.json OUT.svg [--title TEXT] [--colour-by service|scope] [--attribute KEY]...
Bars are coloured by service (one per plugin type) or by instrumentation scope (the package that made the span, for
a trace of one plugin); each --attribute KEY a span has is shown after its name, to tell like-named spans apart.
The end-to-end test saves its trace when CNI_TRACE_OUTPUT names a folder:
  CNI_TRACE_OUTPUT=artifacts/traces artifacts/bin/Cni.OpenTelemetry.Tests/release/Cni.OpenTelemetry.Tests \\
      -class Cni.OpenTelemetry.Tests.EndToEndTraceTests
  eng/trace-picture.py artifacts/traces/add-trace.json docs/images/add-trace.svg
and the bridge's (tests/Cni.Samples.Tests, BridgeTraceTests):
  eng/trace-picture.py artifacts/traces/bridge-add-trace.json docs/images/bridge-add-trace.svg --colour-by scope \
      --attribute cni.netlink.link.kind --attribute cni.plugins.masquerade.backend --attribute cni.ipam.address
"""
import argparse
import json
from html import escape

KINDS = {1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}
COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f"]
ROW, LABEL, BARS, MARGIN, TOP = 26, 430, 470, 16, 78


def attribute(owner, key):
    for item in owner.get("attributes", []):
        if item.get("key") == key:
            return item.get("value", {}).get("stringValue")
    return None


def read_spans(path, keys):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    data = document.get("data", document)
    spans = []
    for resource in data["resourceSpans"]:
        service = attribute(resource.get("resource", {}), "service.name") or "?"
        for scope in resource.get("scopeSpans", []):
            scope_name = scope.get("scope", {}).get("name") or "?"
            for span in scope.get("spans", []):
                kind = span.get("kind", 1)
                spans.append({
                    "id": span["spanId"],
                    "parent": span.get("parentSpanId") or None,
                    "name": span["name"],
                    "kind": KINDS.get(kind, str(kind)) if isinstance(kind, int) else str(kind),
                    "service": service,
                    "scope": scope_name,
                    "details": [v for v in (attribute(span, key) for key in keys) if v],
                    "start": int(span["startTimeUnixNano"]),
                    "end": int(span["endTimeUnixNano"]),
                    "error": span.get("status", {}).get("code") in (2, "STATUS_CODE_ERROR"),
                })
    return spans


def in_tree_order(spans):
    """Depth-first from the roots (spans whose parent is not in the trace), children by start time; sets depth and process."""
    ids = {s["id"] for s in spans}
    children = {}
    for s in spans:
        children.setdefault(s["parent"] if s["parent"] in ids else None, []).append(s)
    ordered, processes = [], [0]

    def visit(parent, depth, process):
        for s in sorted(children.get(parent, []), key=lambda x: x["start"]):
            if s["kind"] == "server":
                processes[0] += 1
                process = processes[0]
            s["depth"], s["process"] = depth, process
            ordered.append(s)
            visit(s["id"], depth + 1, process)

    visit(None, 0, 0)
    return ordered


def tick_step(total_ms):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if total_ms / step <= 8:
            return step
    return 10000


def draw(spans, title, colour_by):
    start = min(s["start"] for s in spans)
    total_ms = max(max(s["end"] for s in spans) - start, 1) / 1e6
    scale = BARS / total_ms
    width = LABEL + BARS + 2 * MARGIN + 90
    height = TOP + ROW * len(spans) + 40
    groups = sorted({s[colour_by] for s in spans}, key=lambda name: min(s["start"] for s in spans if s[colour_by] == name))
    colour = {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(groups)}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{MARGIN}" y="24" font-size="15" font-weight="bold">{escape(title)}</text>']
    legend_x = MARGIN
    for name in groups:
        out.append(f'<rect x="{legend_x}" y="36" width="12" height="12" fill="{colour[name]}"/>')
        out.append(f'<text x="{legend_x + 17}" y="46">{colour_by} {escape(name)}</text>')
        legend_x += 30 + 7.5 * len(name) + 50
    x0 = MARGIN + LABEL
    step = tick_step(total_ms)
    t = 0
    while t <= total_ms + 1e-9:
        x = x0 + t * scale
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{TOP + ROW * len(spans)}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP - 12}" text-anchor="middle" fill="#666">{t:g} ms</text>')
        t += step
    for row, s in enumerate(spans):
        y = TOP + row * ROW
        if row % 2:
            out.append(f'<rect x="0" y="{y}" width="{width}" height="{ROW}" fill="#f7f7f7"/>')
        label = f'{s["name"]} ({", ".join(s["details"])})' if s["details"] else s["name"]
        detail = f'{s["kind"]} · {s["service"]} #{s["process"]}'
        lx = MARGIN + 14 * s["depth"]
        out.append(f'<text x="{lx}" y="{y + 17}" xml:space="preserve"><tspan font-weight="bold">{escape(label)}</tspan>'
                   f'<tspan fill="#666"> {escape(detail)}</tspan></text>')
        bx = x0 + (s["start"] - start) / 1e6 * scale
        bw = max((s["end"] - s["start"]) / 1e6 * scale, 1.5)
        stroke = ' stroke="#c00" stroke-width="2"' if s["error"] else ""
        out.append(f'<rect x="{bx:.1f}" y="{y + 6}" width="{bw:.1f}" height="{ROW - 12}" rx="2" fill="{colour[s[colour_by]]}"{stroke}/>')
        out.append(f'<text x="{bx + bw + 5:.1f}" y="{y + 17}" fill="#333">{(s["end"] - s["start"]) / 1e6:.1f} ms</text>')
    # Only a trace with the runtime's spans shows the gaps around a plugin process (its start, the exporter's flush).
    runtime = any(s["process"] == 0 for s in spans)
    processes = "#0 the runtime; each" if runtime else "each"
    times = "Times from one run, the exporter's flush included." if runtime else "Times from one run."
    out.append(f'<text x="{MARGIN}" y="{height - 14}" fill="#666">#n: the process a span ran in ({processes} '
               f'server span starts a plugin process). {times}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace")
    parser.add_argument("svg")
    parser.add_argument("--title", default="one CNI trace")
    parser.add_argument("--colour-by", choices=("service", "scope"), default="service")
    parser.add_argument("--attribute", action="append", default=[])
    args = parser.parse_args()
    spans = in_tree_order(read_spans(args.trace, args.attribute))
    if not spans:
        raise SystemExit(f"{args.trace}: no spans")
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(draw(spans, args.title, args.colour_by))
    print(f"{args.svg}: {len(spans)} spans")


if __name__ == "__main__":
    main()
