// Structure of every renderer in dsl/display: axes, bars, points, labels,
// wires, gates — parsed, not string-matched — plus the terminal fallbacks
// and the progress indicator.
import { describe, expect, it } from "vitest";
import {
  amplitudeTableHtml, circuitSvg, componentsSvg, environment, histogram, histogramSvg, histogramText, linePlotSvg, linePlotText,
  niceTicks, opLabel, Progress, show, tableHtml, tableText, withProgress,
} from "../../dsl/display/index.js";
import { circuit, cx, free, h, ifOne, measure, ry, x, z, type QubitSource } from "../../dsl/index.js";
import { byClass, byTag, parseMarkup, textOf } from "./markup.js";

const svgRoot = (s: string) => {
  const doc = parseMarkup(s);
  expect(doc.children).toHaveLength(1);
  expect(doc.children[0].tag).toBe("svg");
  return doc.children[0];
};

describe("histogramSvg", () => {
  it("one bar per bitstring, sorted, with labels, values, axes and ticks", () => {
    const svg = svgRoot(histogramSvg({ "11": 519, "00": 481 }, { title: "Bell" }));
    expect(svg.attrs.class).toBe("qmk-histogram");
    const bars = byClass(svg, "bar", "rect");
    expect(bars.map((b) => b.attrs["data-key"])).toEqual(["00", "11"]);
    expect(bars.map((b) => Number(b.attrs["data-value"]))).toEqual([481, 519]);
    expect(byClass(svg, "bar-label").map(textOf)).toEqual(["00", "11"]);
    expect(byClass(svg, "x-axis")).toHaveLength(1);
    expect(byClass(svg, "y-axis")).toHaveLength(1);
    expect(textOf(byClass(svg, "title")[0])).toBe("Bell");
    expect(textOf(byClass(svg, "y-label")[0])).toBe("counts");
    const ticks = byClass(svg, "tick").map((t) => Number(textOf(t)));
    expect(ticks[0]).toBe(0);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(519);
    // taller bar for the larger count, both standing on the x axis
    const [b0, b1] = bars.map((b) => ({ y: Number(b.attrs.y), hgt: Number(b.attrs.height) }));
    expect(b1.hgt).toBeGreaterThan(b0.hgt);
    const axisY = Number(byClass(svg, "x-axis")[0].attrs.y1);
    expect(b0.y + b0.hgt).toBeCloseTo(axisY, 0);
  });

  it("bits: n pads missing outcomes with empty bars; normalize gives frequencies; sort by count", () => {
    const svg = svgRoot(histogramSvg({ counts: { "000": 3, "111": 1 } }, { bits: 3, normalize: true }));
    expect(svg.attrs["data-bars"]).toBe("8");
    const bars = byClass(svg, "bar", "rect");
    expect(bars).toHaveLength(8);
    expect(bars.filter((b) => Number(b.attrs["data-value"]) === 0)).toHaveLength(6);
    expect(Number(bars[0].attrs["data-value"])).toBeCloseTo(0.75);
    expect(textOf(byClass(svg, "y-label")[0])).toBe("frequency");
    const sorted = byClass(svgRoot(histogramSvg({ a: 1, b: 5, c: 3 }, { sort: "count" })), "bar", "rect");
    expect(sorted.map((b) => b.attrs["data-key"])).toEqual(["b", "c", "a"]);
  });

  it("escapes labels and has a text fallback", () => {
    const svg = histogramSvg({ "<&>": 2 }, { title: 'a "quoted" <title>' });
    expect(() => parseMarkup(svg)).not.toThrow();
    expect(svg).not.toContain("<&>");
    const t = histogramText({ "00": 10, "11": 5 });
    expect(t.split("\n")).toHaveLength(2);
    expect(t).toMatch(/00 \| █{40} 10/);
    expect(t).toMatch(/11 \| █{20} 5/);
  });
});

describe("linePlotSvg", () => {
  const pts = (n: number) => Array.from({ length: n }, (_, i) => [i, i * i] as [number, number]);

  it("one circle per point, one polyline per series, legend, axes, tick labels", () => {
    const svg = svgRoot(linePlotSvg([{ name: "a", points: pts(13) }, { name: "b", points: pts(5), dashed: true }], { title: "t", xLabel: "x", yLabel: "y" }));
    expect(svg.attrs["data-series"]).toBe("2");
    expect(svg.attrs["data-points"]).toBe("18");
    const series = byClass(svg, "series");
    expect(series.map((s) => s.attrs["data-name"])).toEqual(["a", "b"]);
    expect(byClass(series[0], "point", "circle")).toHaveLength(13);
    expect(byClass(series[1], "point", "circle")).toHaveLength(5);
    expect(byTag(series[0], "polyline")[0].attrs.points.split(" ")).toHaveLength(13);
    expect(byTag(series[1], "polyline")[0].attrs["stroke-dasharray"]).toBeDefined();
    expect(byClass(svg, "legend-label").map(textOf)).toEqual(["a", "b"]);
    expect(textOf(byClass(svg, "x-label")[0])).toBe("x");
    expect(textOf(byClass(svg, "y-label")[0])).toBe("y");
    expect(byClass(svg, "x-axis")).toHaveLength(1);
    expect(byClass(svg, "tick").length).toBeGreaterThan(4);
  });

  it("maps data monotonically into the frame (y grows upwards); markersOnly/lineOnly", () => {
    const svg = svgRoot(linePlotSvg([{ name: "m", points: pts(4), markersOnly: true }, { name: "l", points: pts(4), lineOnly: true }]));
    const c = byClass(byClass(svg, "series")[0], "point").map((p) => ({ x: Number(p.attrs.cx), y: Number(p.attrs.cy) }));
    for (let i = 1; i < c.length; i++) {
      expect(c[i].x).toBeGreaterThan(c[i - 1].x);
      expect(c[i].y).toBeLessThan(c[i - 1].y);
    }
    expect(byTag(byClass(svg, "series")[0], "polyline")).toHaveLength(0);
    expect(byClass(byClass(svg, "series")[1], "point")).toHaveLength(0);
  });

  it("yerr: one errorbar per point with an error, spanning y ± err in pixels, inside the axis range; no yerr, no bars", () => {
    const points: [number, number][] = [[0, 1], [1, 0.5], [2, 0], [3, -0.5]];
    const yerr = [0.1, 0.2, 0, null]; // a zero-width bar is still drawn; a missing error draws none
    const svg = svgRoot(linePlotSvg([{ name: "fit", points, lineOnly: true }, { name: "data", points, yerr, markersOnly: true }], { title: "t" }));
    const [fit, data] = byClass(svg, "series");
    expect(byClass(fit, "errorbar")).toHaveLength(0);
    const bars = byClass(data, "errorbar");
    expect(bars.map((b) => [Number(b.attrs["data-x"]), Number(b.attrs["data-y"]), Number(b.attrs["data-err"])])).toEqual([[0, 1, 0.1], [1, 0.5, 0.2], [2, 0, 0]]);
    const pts = byClass(data, "point", "circle");
    expect(pts.map((p) => p.attrs["data-err"])).toEqual(["0.1", "0.2", "0", undefined]);
    // pixel scale from two markers (y grows upwards: smaller cy)
    const pxPerUnit = (Number(pts[1].attrs.cy) - Number(pts[0].attrs.cy)) / (1 - 0.5);
    bars.forEach((b, i) => {
      const [line] = byClass(b, "errorbar-line", "line");
      const [y1, y2] = [Number(line.attrs.y1), Number(line.attrs.y2)];
      expect(line.attrs.x1).toBe(pts[i].attrs.cx);
      expect(y2 - y1).toBeCloseTo(2 * Number(b.attrs["data-err"]) * pxPerUnit, 0); // the full bar is 2·err tall
      expect((y1 + y2) / 2).toBeCloseTo(Number(pts[i].attrs.cy), 0); // centred on the marker
      expect(byClass(b, "errorbar-cap", "line")).toHaveLength(2);
    });
    // the y range was widened to hold the top of the first bar (1.1), so it is not clipped: strictly inside the frame
    const top = Number(byClass(svg, "y-axis")[0].attrs.y1);
    expect(Number(byClass(bars[0], "errorbar-line")[0].attrs.y1)).toBeGreaterThan(top);
    expect(textOf(byTag(pts[0], "title")[0])).toBe("data (0, 1 ± 0.1)");
    // backwards compatible: the same series without yerr renders exactly as before (no bar, no data-err)
    const plain = linePlotSvg({ name: "data", points, markersOnly: true });
    expect(plain).not.toContain("errorbar");
    expect(plain).not.toContain("data-err");
  });

  it("yerr on a log axis: a lower end ≤ 0 is clipped to the frame's bottom; the text fallback shows ±", () => {
    const svg = svgRoot(linePlotSvg({ name: "p", points: [[1, 0.1], [2, 0.01]], yerr: [0.02, 0.02] }, { logY: true }));
    const bars = byClass(svg, "errorbar");
    expect(bars).toHaveLength(2);
    const bottom = Number(byClass(svg, "x-axis")[0].attrs.y1);
    const lines = bars.map((b) => byClass(b, "errorbar-line")[0]);
    expect(Number(lines[1].attrs.y2)).toBeCloseTo(bottom, 5); // 0.01 − 0.02 < 0: drawn down to the axis
    expect(Number(lines[0].attrs.y2)).toBeLessThan(bottom); // 0.1 − 0.02 > 0: a real lower end
    for (const l of lines) expect(Number(l.attrs.y2)).toBeGreaterThan(Number(l.attrs.y1));
    expect(linePlotText({ name: "p", points: [[1, 0.1], [2, 0.01]], yerr: [0.02, undefined] })).toBe("p: (1, 0.1 ± 0.02) (2, 0.01)");
  });

  it("log axis: decade ticks", () => {
    const svg = svgRoot(linePlotSvg({ name: "cost", points: [[3, 17], [5, 49], [11, 241], [21, 881]] }, { logY: true }));
    const labels = byClass(svg, "tick").map(textOf);
    expect(labels).toEqual(expect.arrayContaining(["20", "50", "100", "200", "500"]));
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});

describe("componentsSvg", () => {
  it("one group per component, qubits split into own/foreign, cross-tenant marked", () => {
    const raw = { components: [{ size: 3, tenants: ["alice", "bob"], own: ["h1", "h2"], foreign: 1 }, { size: 1, tenants: ["alice"], own: ["h3"], foreign: 0 }] };
    const svg = svgRoot(componentsSvg(raw, { labels: { h1: "qa" }, title: "view" }));
    expect(svg.attrs["data-components"]).toBe("2");
    const comps = byClass(svg, "component");
    expect(comps.map((c) => c.attrs["data-tenants"])).toEqual(["alice,bob", "alice"]);
    expect(byClass(svg, "cross-tenant")).toHaveLength(1);
    expect(byClass(comps[0], "own", "circle")).toHaveLength(2);
    expect(byClass(comps[0], "foreign", "circle")).toHaveLength(1);
    expect(byClass(comps[1], "qubit")).toHaveLength(1);
    expect(byClass(comps[0], "qubit-label").map(textOf)).toEqual(["qa"]);
    expect(textOf(byClass(comps[0], "component-tenants")[0])).toBe("alice + bob");
    expect(byClass(svgRoot(componentsSvg([])), "empty")).toHaveLength(1);
  });
});

describe("circuitSvg", () => {
  function teleport<T extends string>(s: QubitSource<T>) {
    const [msg, here, there] = s.alloc(3);
    ry(msg, "theta");
    h(here);
    cx(here, there);
    cx(msg, here);
    h(msg);
    measure(msg);
    measure(here);
    ifOne(here, () => x(there));
    ifOne(msg, () => z(there));
    measure(there);
    const out = { r: there.bit };
    free(msg);
    free(here);
    free(there);
    return out;
  }
  const graph = circuit("alice", teleport).toGraph();

  it("a wire per qubit, a gate group per node, CNOT as control + target, guards and events labelled", () => {
    const svg = svgRoot(circuitSvg(graph, { hideAllocFree: true }));
    expect(byClass(svg, "wire").map((w) => w.attrs["data-vq"])).toEqual(["q0", "q1", "q2"]);
    const gates = byClass(svg, "gate");
    expect(gates).toHaveLength(graph.program.nodes.filter((n) => n.op !== "ALLOC_LQ" && n.op !== "FREE_LQ").length);
    expect(gates.map((g) => g.attrs["data-op"])).toEqual(["APPLY_RY", "APPLY_H", "APPLY_CNOT", "APPLY_CNOT", "APPLY_H", "MEASURE_Z", "MEASURE_Z", "APPLY_X", "APPLY_Z", "MEASURE_Z"]);
    const cnots = gates.filter((g) => g.attrs["data-op"] === "APPLY_CNOT");
    for (const g of cnots) {
      expect(byClass(g, "control")).toHaveLength(1);
      expect(byClass(g, "target")).toHaveLength(1);
    }
    expect(gates.filter((g) => g.attrs["data-guard"]).map((g) => g.attrs["data-guard"])).toEqual(["if m1=1", "if m0=1"]);
    expect(byClass(svg, "event").map(textOf)).toEqual(["→ m0", "→ m1", "→ m2"]);
    expect(byClass(svg, "gate-label").map(textOf)).toContain("RY(theta)");
    // ASAP layering: the CNOT on (q0,q1) comes after the one on (q1,q2)
    expect(Number(cnots[1].attrs["data-col"])).toBeGreaterThan(Number(cnots[0].attrs["data-col"]));
    // classical dependency: a guarded gate is drawn after the measurement producing its event
    const colOf = (pred: (g: (typeof gates)[number]) => boolean) => Number(gates.find(pred)!.attrs["data-col"]);
    const m1 = colOf((g) => byClass(g, "event").some((e) => textOf(e) === "→ m1"));
    expect(colOf((g) => g.attrs["data-guard"] === "if m1=1")).toBeGreaterThan(m1);
    expect(Number(svg.attrs["data-depth"])).toBe(Math.max(...gates.map((g) => Number(g.attrs["data-col"]))) + 1);
  });

  it("alloc/free markers unless hidden; op labels", () => {
    const svg = svgRoot(circuitSvg(graph));
    expect(byClass(svg, "marker").length).toBe(3 + 3);
    expect(opLabel({ id: "m", op: "MEASURE_X" })).toBe("Mx");
    expect(opLabel({ id: "r", op: "APPLY_RZ", args: { theta: 0.5 } })).toBe("RZ(0.5)");
    expect(opLabel({ id: "b", op: "MEASURE_BELL" })).toBe("Bell");
  });
});

describe("HTML tables", () => {
  it("amplitude table: non-zero basis states, kets with the last qubit first, probabilities", () => {
    const s = Math.SQRT1_2;
    const html = amplitudeTableHtml({ qubits: ["a", "b"], re: [s, 0, 0, s], im: [0, 0, 0, 0], probabilities: [0.5, 0, 0, 0.5] }, { title: "Bell" });
    const table = parseMarkup(html).children[0];
    expect(table.attrs["data-rows"]).toBe("2");
    const rows = byClass(table, "amp-row");
    expect(rows.map((r) => textOf(byTag(r, "code")[0]))).toEqual(["|00⟩", "|11⟩"]);
    expect(textOf(rows[0])).toContain("0.7071");
    expect(textOf(rows[0])).toContain("0.5000");
    expect(textOf(byTag(table, "th")[0])).toBe("basis |b a⟩");
    const allRows = parseMarkup(amplitudeTableHtml({ qubits: ["q"], re: [0, 0], im: [1, 0] }, { all: true })).children[0];
    expect(byClass(allRows, "amp-row")).toHaveLength(2);
    expect(textOf(byClass(allRows, "amp-row")[0])).toContain("1.0000i");
  });

  it("generic table and its text form", () => {
    const rows = [{ scheme: "Surface", d: 3, physical: 51 }, { scheme: "SHYPS", d: 5, physical: 87 }];
    const t = parseMarkup(tableHtml(rows)).children[0];
    expect(byTag(t, "th").map(textOf)).toEqual(["scheme", "d", "physical"]);
    expect(byTag(t, "tr")).toHaveLength(3);
    expect(tableText(rows).split("\n")).toHaveLength(4);
  });
});

describe("show and progress outside a notebook", () => {
  it("show() prints the text fallback in a terminal", async () => {
    expect(environment()).toBe("terminal");
    const lines: string[] = [];
    const orig = console.log;
    console.log = (s: string) => void lines.push(s);
    try {
      expect(await show(histogram({ "0": 3, "1": 1 }))).toBe("terminal");
    } finally {
      console.log = orig;
    }
    expect(lines.join("\n")).toMatch(/0 \| █+ 3/);
  });

  it("TTY: redraws one line with \\r, throttled, final newline", async () => {
    const out: string[] = [];
    const p = new Progress(10, { label: "shots", mode: "terminal", intervalMs: 1e9, stream: { write: (s: string) => out.push(s), isTTY: true } });
    for (let i = 0; i < 10; i++) p.tick();
    await p.finish();
    expect(out[0]).toMatch(/^\rshots \[-{24}\] 0\/10 0%/);
    expect(out.some((s) => /\[#{24}\] 10\/10 100%/.test(s))).toBe(true);
    expect(out.length).toBeLessThanOrEqual(4); // first, last, newline (throttled in between)
    expect(out[out.length - 1]).toBe("\n");
  });

  it("not a TTY: a single final line; withProgress maps in order", async () => {
    const out: string[] = [];
    const r = await withProgress([1, 2, 3], async (v) => v * 2, { label: "sweep", mode: "terminal", stream: { write: (s: string) => out.push(s) } });
    expect(r).toEqual([2, 4, 6]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^sweep \[#{24}\] 3\/3 100%/);
    const p = new Progress(4, { mode: "silent" });
    p.tick(2);
    expect(p.fraction).toBe(0.5);
    expect(parseMarkup(p.html()).children[0].attrs["data-done"]).toBe("2");
  });
});
