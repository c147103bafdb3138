"""Static parts of the HTML report (``--format html``): the page's CSS and its
small script. Kept as Python strings so that they ship inside the wheel and the
report stays one self-contained file (no network, no CDN, no external assets).
"""

from __future__ import annotations

CSS = """
:root {
  --fg: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --panel: #fff;
  --accent: #30638e; --bad: #c0392b; --ok: #2f855a; --mark: #ffe58f;
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0; color: var(--fg); background: var(--bg);
  font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
header.top { background: #1f3a56; color: #fff; padding: 22px 0 14px; }
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header.top h1 { margin: 0 0 4px; font-size: 1.75rem; font-weight: 650; letter-spacing: .2px; }
header.top .sub { color: #c9d6e3; font-size: .95rem; }
nav.toc { margin-top: 12px; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: .9rem; }
nav.toc a { color: #fff; text-decoration: none; opacity: .85; border-bottom: 1px dotted #9fb3c8; }
nav.toc a:hover { opacity: 1; }
main { padding: 18px 0 40px; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px 18px; margin: 0 0 18px; }
section h2 { margin: 0 0 4px; font-size: 1.25rem; }
section p.lead { margin: 0 0 12px; color: var(--muted); font-size: .92rem; }
.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px;
  background: #fbfcfd; }
.card .v { font-size: 1.6rem; font-weight: 650; line-height: 1.2; }
.card .k { color: var(--muted); font-size: .85rem; }
.card.bad .v { color: var(--bad); }
.card.ok .v { color: var(--ok); }
.split { display: grid; grid-template-columns: 300px minmax(0, 1fr); gap: 20px; align-items: center;
  margin-top: 14px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; fill: var(--fg); }
svg .muted { fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .85rem; color: var(--muted);
  margin: 6px 0 0; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
  margin-right: 5px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: #f0f3f7; font-weight: 600; white-space: nowrap; }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \\2195"; color: #9aa5b1; font-size: .8em; }
th.asc::after { content: " \\2191"; color: var(--fg); }
th.desc::after { content: " \\2193"; color: var(--fg); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:hover td { background: #fafbfc; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono",
  monospace; font-size: .85em; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: .78rem;
  color: #fff; white-space: nowrap; }
.pill { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: .78rem;
  background: #eef2f6; color: #3e4c59; margin: 1px 2px 1px 0; white-space: nowrap; }
.minibar { display: inline-block; height: 9px; border-radius: 2px; vertical-align: middle; }
.bar-bg { display: inline-block; width: 110px; height: 9px; background: #edf0f3; border-radius: 2px;
  vertical-align: middle; margin-right: 6px; overflow: hidden; }
.bar-bg span { display: block; height: 100%; }
.excerpt { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono",
  monospace; font-size: .82rem; background: #f7f9fb; border: 1px solid var(--line);
  border-radius: 4px; padding: 4px 7px; margin: 4px 0 2px; white-space: pre-wrap;
  word-break: break-word; color: #3e4c59; }
.excerpt mark { background: var(--mark); color: #111; border-radius: 2px; padding: 0 1px;
  outline: 1px solid #f0c000; }
.fix { color: var(--ok); font-size: .82rem; }
.msg { margin: 0; }
.loc { color: var(--muted); font-size: .8rem; }
details { margin: 6px 0; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
details > summary { cursor: pointer; padding: 7px 10px; font-weight: 600; }
details[open] > summary { border-bottom: 1px solid var(--line); }
details .inner { padding: 6px 12px 10px; }
table.cluster td:first-child { width: 80px; }
table.cluster td:nth-child(2) { width: 40%; word-break: break-all; }
.example { padding: 6px 0; border-bottom: 1px dashed var(--line); }
.example:last-child { border-bottom: 0; }
.empty { color: var(--muted); font-style: italic; }
.filter { margin: 0 0 10px; padding: 5px 9px; border: 1px solid #cbd2d9; border-radius: 5px;
  width: 280px; font: inherit; font-size: .9rem; }
.note { color: var(--muted); font-size: .82rem; margin: 8px 0 0; }
.scroll { overflow-x: auto; }
footer { color: var(--muted); font-size: .8rem; text-align: center; padding: 0 0 30px; }
@media (max-width: 900px) {
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .split { grid-template-columns: 1fr; }
}
@media print { nav.toc, .filter { display: none; } section { break-inside: avoid; } }
"""

# Sorting of tables whose header cells have class "sortable" (numbers sort by the
# cell's data-v attribute), and the text filters above some tables.
JS = """
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-v");
    if (v !== null && v !== "" && !isNaN(Number(v))) { return Number(v); }
    return cell.textContent.trim().toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("th");
    heads.forEach(function (th, index) {
      if (!th.classList.contains("sortable")) { return; }
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        heads.forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          if (x < y) { return asc ? -1 : 1; }
          if (x > y) { return asc ? 1 : -1; }
          return 0;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  document.querySelectorAll("input.filter").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.style.display = !q || row.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
      });
    });
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
"""
