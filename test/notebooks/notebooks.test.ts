// Executes every notebook under BOTH real kernels — tslab and Deno's
// `deno jupyter --kernel` — from Node, speaking the Jupyter protocol over
// zeromq (scripts/notebooks/: no Python, no jupyter needed), and checks what
// each one SHOWS: the attack refused by the firewall, the proof verified, the
// tampered entry found, bars and points of the pictures — not only that the
// cells ran. The two kernels must show the same outputs cell by cell (a line
// one of them drops fails), and notebooks/*.ipynb must hold the outputs a
// tslab run gives today (`npm run notebooks -- --write` refreshes them).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Kernel } from "../../scripts/notebooks/kernel-client.mjs";
import { comparable, describeFailure, executeNotebook, listNotebooks, pool, type NotebookRun } from "../../scripts/notebooks/run.mjs";
import { linkSelf } from "../../scripts/link-self.mjs";
import { byClass, parseMarkup, textOf, type El } from "./markup.js";
import { logicalErrorRate } from "../../kernel/noise/logical.js";

const ROOT = path.resolve(__dirname, "../..");
const FILES = listNotebooks();
const NOTEBOOKS = FILES.map((f) => path.basename(f));
type KernelName = "tslab" | "deno";

// One execution per kernel, shared by every check below (each notebook in its own kernel, two at a time).
const runs = new Map<KernelName, Promise<NotebookRun[]>>();
function runAll(kernel: KernelName): Promise<NotebookRun[]> {
  if (!runs.has(kernel)) {
    linkSelf(ROOT); // node_modules/qmk → the checkout, so `import … from "qmk"` resolves as in a user's project
    runs.set(kernel, pool(FILES, 2, (f) => executeNotebook(f, kernel)));
  }
  return runs.get(kernel)!;
}

interface Output {
  cell: number;
  kind: string;
  text: string;
  data: Record<string, string>;
}
interface Executed {
  outputs: Output[];
  /** all stream / text output, in order */
  text: string;
  svgs: El[];
  html: El[];
}

function load(nb: any): Executed {
  const outputs: Output[] = [];
  nb.cells.forEach((c: any, cell: number) => {
    for (const o of c.outputs ?? []) {
      const join = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v ?? ""));
      const data: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.data ?? {})) data[k] = join(v);
      outputs.push({ cell, kind: o.output_type, text: o.output_type === "stream" ? join(o.text) : o.output_type === "error" ? `${o.ename}: ${o.evalue}` : "", data });
    }
  });
  const svgs = outputs.filter((o) => o.data["image/svg+xml"]).map((o) => parseMarkup(o.data["image/svg+xml"]).children[0]);
  const html = outputs.filter((o) => o.data["text/html"]).map((o) => parseMarkup(o.data["text/html"]).children[0]);
  return { outputs, text: outputs.map((o) => o.text).join(""), svgs, html };
}

const svgOf = (e: Executed, cls: string) => e.svgs.filter((s) => s.attrs.class === cls);
const htmlOf = (e: Executed, cls: string) => e.html.filter((s) => (s.attrs.class ?? "") === cls);
const bars = (svg: El) => Object.fromEntries(byClass(svg, "bar", "rect").map((b) => [b.attrs["data-key"], Number(b.attrs["data-value"])]));

function suite(kernel: KernelName) {
  const nb: Record<string, Executed> = {};

  beforeAll(async () => {
    const results = await runAll(kernel);
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(failed.map(describeFailure).join("\n\n"));
    for (const r of results) nb[r.name] = load(r.nb);
  }, 400_000);

  it("every notebook ran, produced output and has no error outputs", () => {
    expect(NOTEBOOKS.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(nb).sort()).toEqual(NOTEBOOKS.map((f) => f.replace(/\.ipynb$/, "")));
    for (const [name, e] of Object.entries(nb)) {
      expect(e.outputs.filter((o) => o.kind === "error"), name).toEqual([]);
      expect(e.text, name).not.toMatch(/\d+:\d+ - .*(not assignable|does not exist|Cannot find)/); // tslab type errors print like this
      expect(e.outputs.length, name).toBeGreaterThan(2);
    }
  });

  it("01 getting started: Bell amplitudes, only 00/11 in a 4-bar histogram, the kernel's linearity check", () => {
    const e = nb["01-getting-started"];
    const amp = htmlOf(e, "qmk-amplitudes")[0];
    expect(amp.attrs["data-rows"]).toBe("2");
    expect(byClass(amp, "amp-row").map((r) => textOf(r))).toEqual([expect.stringContaining("0.7071"), expect.stringContaining("0.7071")]);
    const [hist] = svgOf(e, "qmk-histogram");
    const b = bars(hist);
    expect(byClass(hist, "bar", "rect").map((r) => r.attrs["data-key"])).toEqual(["00", "01", "10", "11"]); // display order
    expect(byClass(hist, "bar-label").map(textOf)).toEqual(["00", "01", "10", "11"]);
    expect(b["01"] + b["10"]).toBe(0);
    expect(b["00"] + b["11"]).toBe(1000);
    expect(Math.abs(b["00"] - 500)).toBeLessThan(80);
    const [circ] = svgOf(e, "qmk-circuit");
    expect(circ.attrs["data-wires"]).toBe("2");
    expect(byClass(circ, "gate").map((g) => g.attrs["data-op"])).toEqual(expect.arrayContaining(["APPLY_H", "APPLY_CNOT", "MEASURE_Z"]));
    expect(e.text).toMatch(/kernel: LINEARITY_VIOLATION: .*use after measure/);
    expect(e.text).toContain("OPENQASM 3.0");
  });

  it("02 teleportation: teleported amplitudes √0.7/√0.3, guards in the drawing, P(1) ≈ 0.3 eager and captured", () => {
    const e = nb["02-teleportation"];
    const amp = htmlOf(e, "qmk-amplitudes")[0];
    const probs = byClass(amp, "amp-row").map((r) => textOf(r));
    expect(probs[0]).toContain("0.7000");
    expect(probs[1]).toContain("0.3000");
    const [circ] = svgOf(e, "qmk-circuit");
    expect(byClass(circ, "gate").filter((g) => g.attrs["data-guard"]).map((g) => g.attrs["data-guard"])).toEqual(["if m1=1", "if m0=1"]);
    expect(e.text).toContain("guarded nodes: APPLY_X if m1=1, APPLY_Z if m0=1");
    const prog = htmlOf(e, "qmk-progress").pop()!;
    expect([prog.attrs["data-done"], prog.attrs["data-total"]]).toEqual(["200", "200"]);
    const eager = Number(/eager: P\(1\) ≈ ([\d.]+)/.exec(e.text)![1]);
    const captured = Number(/captured: P\(result=1\) = ([\d.]+)/.exec(e.text)![1]);
    expect(Math.abs(eager - 0.3)).toBeLessThan(0.12);
    expect(Math.abs(captured - 0.3)).toBeLessThan(0.05);
    const hist = svgOf(e, "qmk-histogram")[0];
    expect(Object.values(bars(hist)).reduce((a, c) => a + c, 0)).toBe(2000);
  });

  it("03 two tenants: FIREWALL_VIOLATION for the admin graph, for growing the pair and for a Bell measurement without the channel; the channel path works", () => {
    const e = nb["03-two-tenants"];
    expect(e.text).toMatch(/admin two-tenant graph without a channel: refused — FIREWALL_VIOLATION/);
    expect(e.text).toMatch(/entangle a further qubit with the cross-tenant pair, no channel: refused — FIREWALL_VIOLATION/);
    expect(e.text).toMatch(/Bell measurement inside the cross-tenant pair, no channel: refused — FIREWALL_VIOLATION/);
    expect(e.text).toMatch(/use the same loan twice: refused — CHANNEL_UNAUTHORIZED/);
    expect(e.text).not.toMatch(/✗/);
    const comps = svgOf(e, "qmk-components");
    expect(comps).toHaveLength(2);
    const first = byClass(comps[0], "component");
    expect(first).toHaveLength(1);
    expect(first[0].attrs["data-tenants"].split(",").sort()).toEqual(["alice", "bob"]);
    expect(byClass(comps[0], "cross-tenant")).toHaveLength(1);
    expect([first[0].attrs["data-own"], first[0].attrs["data-foreign"]]).toEqual(["1", "1"]);
    const grown = byClass(comps[1], "cross-tenant")[0];
    expect(grown.attrs["data-size"]).toBe("3"); // spy joined through the channel
    const b = bars(svgOf(e, "qmk-histogram")[0]);
    expect(b["01"] + b["10"]).toBe(0);
    expect(b["00"] + b["11"]).toBe(40);
    const tele = /teleported to Bob: P\(1\) = ([\d.]+) \(expected 0\.273\)/.exec(e.text)!;
    expect(Math.abs(Number(tele[1]) - 0.273)).toBeLessThan(0.12);
    const tb = svgOf(e, "qmk-histogram")[1];
    expect(byClass(tb, "bar", "rect").map((r) => r.attrs["data-key"])).toEqual(["0", "1"]);
    expect(Number(bars(tb)["1"])).toBeCloseTo(Number(tele[1]), 5);
    expect(e.text).toMatch(/teleport channel: .*used: 200/s); // DSL teleport: cx + measureBell through the channel, 2 uses each
    expect(e.text).toContain("firewall.violation events: 3");
  });

  it("04 capabilities: offline attenuation leaves no event; the revocation cascades to the grader", () => {
    const e = nb["04-capabilities"];
    expect(e.text).toContain("same id as the worker token: true");
    expect(e.text).toContain("attenuate (offline): (no events)");
    expect(e.text).toMatch(/granted: \[ ["']CAP_ALLOC["'], ["']CAP_MEASURE["'] \]/);
    expect(e.text).toMatch(/q_request_channel: INSUFFICIENT_CAPS/);
    expect(e.text).toMatch(/use: .*cap\.deny/);
    expect(e.text).toContain("cascade reached the grader: true");
    expect(e.text).toMatch(/revoke: .*cap\.revoke/);
    for (const who of ["worker", "student", "grader"]) expect(e.text).toContain(`${who}: TOKEN_REVOKED`);
    expect(e.text).toMatch(/alice: session ok/);
    // one session.deny per revoked token id (worker and student share one: an offline attenuation), then alice's session
    expect(e.text).toMatch(/after revocation: session\.deny, session\.deny(, session\.deny)?, session\.open/);
    const tables = htmlOf(e, "qmk-table");
    expect(tables.length).toBeGreaterThanOrEqual(7);
  });

  it("05 audit: inclusion proof verified against the signed head; the tampered copy is caught at the flipped entry", () => {
    const e = nb["05-audit"];
    const idx = Number(/event (\d+) cap\.deny eve/.exec(e.text)![1]);
    expect(e.text).toMatch(new RegExp(`inclusion proof of #${idx} in a tree of \\d+: \\d+ hashes — VERIFIED`));
    expect(e.text).toContain("leaf hash matches the event bytes: true");
    expect(e.text).toContain("proof root = signed head root: true");
    expect(e.text).toMatch(/forged proof rejected: ProofError/);
    expect(e.text).toMatch(/original: \{ ok: true/);
    expect(e.text).toContain(`TAMPER DETECTED: first bad entry #${idx} (exact: true)`);
    const t = htmlOf(e, "qmk-table")[0];
    expect(textOf(t)).toContain("tampered copy");
  });

  it("06 sweep: 13 measured points following sin²(φ/2), a theory curve, the progress bar at 13/13", () => {
    const e = nb["06-sweep"];
    const [plot] = svgOf(e, "qmk-lineplot");
    const series = byClass(plot, "series");
    const measured = series.find((s) => s.attrs["data-name"] === "measured")!;
    const pts = byClass(measured, "point", "circle");
    expect(pts).toHaveLength(13);
    for (const p of pts) expect(Math.abs(Number(p.attrs["data-y"]) - Math.sin(Number(p.attrs["data-x"]) / 2) ** 2)).toBeLessThan(0.1);
    expect(series.find((s) => s.attrs["data-name"] === "sin²(φ/2)")!.attrs["data-points"]).toBe("121");
    const prog = htmlOf(e, "qmk-progress").pop()!;
    expect([prog.attrs["data-done"], prog.attrs["data-total"]]).toEqual(["13", "13"]);
    expect(htmlOf(e, "qmk-table")[0].attrs["data-rows"]).toBe("13");
    expect(svgOf(e, "qmk-circuit")[0].attrs["data-gates"]).toBe("4"); // H, RZ(phi), H, M
  });

  it("07 QEC: 15 cost rows agreeing with the kernel, 3 curves, identical results across profiles", () => {
    const e = nb["07-qec-resources"];
    expect(htmlOf(e, "qmk-table")[0].attrs["data-rows"]).toBe("15");
    expect(e.text).toContain("rows: 15; kernel agrees on every row: true");
    const [plot] = svgOf(e, "qmk-lineplot");
    expect(plot.attrs["data-series"]).toBe("3");
    const surface = byClass(plot, "series").find((s) => s.attrs["data-name"] === "Surface")!;
    expect(byClass(surface, "point").map((p) => Number(p.attrs["data-y"]))).toEqual([3, 5, 7, 9, 11].map((d) => 3 * (2 * d * d - 1)));
    const lines = e.text.split("\n").filter((l) => l.startsWith("logical:"));
    expect(lines).toHaveLength(2);
    expect(lines[0].split("P(result=1)")[1]).toBe(lines[1].split("P(result=1)")[1]);
  });

  it("08 observables: exact ⟨H⟩ = −√2 with stderr 0; sampled within 5σ with stderr ∝ 1/√N; 13 swept points with ±1 s.e. bars on E(θ)", () => {
    const e = nb["08-observables"];
    const h = 0.5, e0 = -Math.sqrt(1 + 4 * h * h);
    const exact = /exact: +⟨H⟩ = (-?[\d.]+) +stderr (\S+) +shots (\d+)/.exec(e.text)!;
    expect(Number(exact[1])).toBeCloseTo(e0, 6);
    expect([Number(exact[2]), Number(exact[3])]).toEqual([0, 0]);
    expect(e.text).toContain("agree to 1e-12: true");
    const s = /sampled: ⟨H⟩ = (-?[\d.]+) ± ([\d.]+) \((\d+) groups, (\d+) shots\)/.exec(e.text)!;
    expect([Number(s[3]), Number(s[4])]).toEqual([2, 2000]); // {Z0Z1} and {X0, X1}, 1000 shots each
    expect(Number(s[2])).toBeGreaterThan(0);
    expect(Math.abs(Number(s[1]) - e0)).toBeLessThan(5 / Math.sqrt(1000)); // σ = 1/√N in the ground state (see the notebook)
    // stderr·√N is the estimator's own spread: 1 here; 0.4 is > 5× the spread of a sample s.e. at N = 100
    const k = /stderr·√N: ([\d., ]+) \(prediction 1\)/.exec(e.text)![1].split(", ").map(Number);
    expect(k).toHaveLength(4);
    for (const v of k) expect(Math.abs(v - 1)).toBeLessThan(0.4);
    expect(htmlOf(e, "qmk-table")[0].attrs["data-rows"]).toBe("4");

    const [plot] = svgOf(e, "qmk-lineplot");
    const series = byClass(plot, "series");
    expect(series.find((x) => x.attrs["data-name"] === "E(θ) exact")!.attrs["data-points"]).toBe("121");
    const sampled = series.find((x) => x.attrs["data-name"] === "sampled ±1 s.e.")!;
    expect(byClass(sampled, "point", "circle")).toHaveLength(13);
    const errorbars = byClass(sampled, "errorbar");
    expect(errorbars).toHaveLength(13);
    const energy = (t: number) => -(Math.cos(t) ** 2) - 2 * h * Math.sin(t);
    for (const b of errorbars) {
      const [t, y, err] = ["data-x", "data-y", "data-err"].map((a) => Number(b.attrs[a]));
      const sigma = Math.sqrt((1 - Math.cos(t) ** 4 + 2 * h * h * Math.cos(t) ** 2) / 500); // shot noise of 500 shots per group
      expect(err).toBeGreaterThan(0);
      expect(Math.abs(err / sigma - 1)).toBeLessThan(0.3); // the bar is the reported standard error, ≈ σ
      expect(Math.abs(y - energy(t))).toBeLessThan(5 * sigma);
      const line = byClass(b, "errorbar-line", "line")[0];
      expect(Number(line.attrs.y2) - Number(line.attrs.y1)).toBeGreaterThan(0); // drawn with a positive height
    }
    expect(e.text).toContain("exact kernel values equal E(θ) to 1e-12: true");
    expect(htmlOf(e, "qmk-table")[1].attrs["data-rows"]).toBe("13");
    expect(e.text).toMatch(/points: 13, χ² = [\d.]+ for 13 points/);
  });

  it("09 noise: the noisy Bell pair's parity, correlators and fidelity match the analytic values; P(00) rises with d below threshold and falls above", () => {
    const e = nb["09-noise"];
    expect(e.text).toContain("noiseless: F = 1.000000 (exact, stderr 0)");
    const p = 0.1, shots = 1000;
    const b = bars(svgOf(e, "qmk-histogram")[0]);
    expect(Object.values(b).reduce((a, c) => a + c, 0)).toBe(shots);
    expect(b["01"] + b["10"]).toBeGreaterThan(0); // noise makes odd outcomes
    const binom5 = (q: number, n: number) => 5 * Math.sqrt((q * (1 - q)) / n);
    const parity = Number(/parity P\(00\)\+P\(11\) = ([\d.]+)/.exec(e.text)![1]);
    const wantParity = (1 + (1 - p) ** 2) / 2;
    expect(Math.abs(parity - wantParity)).toBeLessThan(binom5(wantParity, shots));
    expect(parity).toBeCloseTo((b["00"] + b["11"]) / shots, 4);
    const want: Record<string, number> = { "Z0 Z1": (1 - p) ** 2, "X0 X1": (1 - p) ** 3, "Y0 Y1": -((1 - p) ** 3) };
    const corr = [...e.text.matchAll(/⟨(\w\d \w\d)⟩ = (-?[\d.]+) ± ([\d.]+)/g)];
    expect(corr.map((m) => m[1])).toEqual(["Z0 Z1", "X0 X1", "Y0 Y1"]);
    for (const m of corr) {
      const c = want[m[1]];
      expect(Math.abs(Number(m[2]) - c)).toBeLessThan(5 * Math.sqrt((1 - c * c) / shots)); // a ±1 outcome has variance 1 − ⟨P⟩²
    }
    const fidelity = (q: number) => (1 + 2 * (1 - q) ** 3 + (1 - q) ** 2) / 4;
    const f = /fidelity F = ([\d.]+) ± ([\d.]+) \((\d) settings/.exec(e.text)!;
    expect(Number(f[3])).toBe(3);
    const fSigma = 0.25 * Math.sqrt((2 * (1 - (1 - p) ** 6) + 1 - (1 - p) ** 4) / shots);
    expect(Math.abs(Number(f[1]) - fidelity(p))).toBeLessThan(5 * fSigma);
    expect(Number(f[2]) / fSigma).toBeGreaterThan(0.7);
    expect(Number(f[2]) / fSigma).toBeLessThan(1.3);

    // fidelity and parity vs p: 4 points each with positive error bars, on their analytic curves
    const [rate, dist, fail] = svgOf(e, "qmk-lineplot");
    const series = (plot: El, name: string) => byClass(plot, "series").find((x) => x.attrs["data-name"] === name)!;
    for (const [name, curve] of [["fidelity", fidelity], ["parity", (q: number) => (1 + (1 - q) ** 2) / 2]] as const) {
      const eb = byClass(series(rate, name), "errorbar");
      expect(eb.map((x) => Number(x.attrs["data-x"]))).toEqual([0.05, 0.1, 0.2, 0.3]);
      for (const x of eb) {
        const [q, y, err] = ["data-x", "data-y", "data-err"].map((a) => Number(x.attrs[a]));
        expect(err).toBeGreaterThan(0);
        expect(Math.abs(y - curve(q))).toBeLessThan(5 * err + 1e-3);
      }
    }
    const fAt = (name: string) => byClass(series(rate, name), "errorbar").map((x) => Number(x.attrs["data-y"]));
    const [fids, pars] = [fAt("fidelity"), fAt("parity")];
    for (const i of [2, 3]) expect(pars[i]).toBeGreaterThan(fids[i]); // at p ≥ 0.2 the gap is > 5σ: the Z parity overstates F
    for (let i = 1; i < fids.length; i++) expect(fids[i]).toBeLessThan(fids[i - 1]); // steps ≥ 0.087 between rates, σ ≲ 0.013 per point (500 shots)

    // success vs distance, against the documented fit (the kernel's own constants)
    const rows = [...e.text.matchAll(/p=([\d.]+) d=(\d+): success ([\d.]+) ± ([\d.]+), predicted ([\d.]+)/g)].map((m) => ({ p: Number(m[1]), d: Number(m[2]), s: Number(m[3]), pred: Number(m[5]) }));
    expect(rows).toHaveLength(10);
    const predict = (q: number, d: number) => {
      const k = 1 - logicalErrorRate(`logical:Surface(d=${d})`, { physical_error_rate: q });
      return (1 + k ** 15 + k ** 9 + k ** 18) / 4; // R = 3 rounds: q^(5R), q^(3R), q^(6R)
    };
    const shotsAt = (q: number) => (q === 0.004 ? 600 : 300); // shots per distance, below / above threshold
    for (const r of rows) {
      expect(r.pred).toBeCloseTo(predict(r.p, r.d), 3);
      expect(Math.abs(r.s - r.pred)).toBeLessThan(binom5(r.pred, shotsAt(r.p)));
    }
    const at = (q: number) => rows.filter((r) => r.p === q);
    const [lo, hi] = [at(0.004), at(0.008)];
    expect(lo.map((r) => r.d)).toEqual([3, 5, 7, 9, 11]);
    const sd = (r: { p: number; pred: number }) => Math.sqrt((r.pred * (1 - r.pred)) / shotsAt(r.p));
    // the expected differences are 6.4σ (below) and 7.7σ (above): a 3σ threshold fails with probability < 4e-4
    const gap = (x: { p: number; pred: number }, y: { p: number; pred: number }) => 3 * Math.hypot(sd(x), sd(y));
    expect(lo[4].s - lo[0].s).toBeGreaterThan(gap(lo[0], lo[4])); // below threshold: a larger code succeeds more often
    expect(hi[0].s - hi[4].s).toBeGreaterThan(gap(hi[0], hi[4])); // above threshold: it fails more often
    expect(byClass(dist, "series")).toHaveLength(4);
    for (const name of ["0.4 % measured", "0.8 % measured"]) {
      const eb = byClass(series(dist, name), "errorbar");
      expect(eb).toHaveLength(5);
      for (const x of eb) expect(Number(x.attrs["data-err"])).toBeGreaterThan(0);
    }
    expect(byClass(series(fail, "measured"), "errorbar")).toHaveLength(5);
    expect(htmlOf(e, "qmk-table").map((t) => t.attrs["data-rows"])).toEqual(["4", "10"]);
  });

  if (kernel === "deno") return;

  it("01's markdown shows exactly the type error tslab prints for a measured qubit; a failing cell shows the error's name, code and message", async () => {
    const md = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks/01-getting-started.ipynb"), "utf8"))
      .cells.filter((c: any) => c.cell_type === "markdown").map((c: any) => c.source.join("")).join("\n");
    const cell = /```ts\n(const a = alice\.qubit\(\);\nmeasure\(a\);\nh\(a\);)\n```/.exec(md)![1];
    linkSelf(ROOT);
    const k = await Kernel.start("tslab", { cwd: path.join(ROOT, "notebooks") });
    try {
      const setup = await k.execute(`import { qmk, h, measure } from "qmk";\nconst conn = await qmk.local({ inMemory: true });\nconst alice = await conn.tenant("alice");`);
      expect(setup.status).toBe("ok");
      const typeErr = await k.execute(cell);
      expect(typeErr.status).toBe("error");
      const printed = typeErr.outputs.map((o) => o.text ?? "").join("").trim();
      expect(printed).toMatch(/^3:3 - Argument of type 'Qubit<"alice"> & Measured' is not assignable/);
      for (const line of printed.split("\n")) expect(md).toContain(line.trim());
      await new Promise((r) => setTimeout(r, 300)); // tslab aborts what is queued for 200 ms after an error
      const thrown = await k.execute(`await alice.call("q_apply" as any, { op: "H", vqs: ["not-a-handle"] } as any);`);
      expect(thrown.status).toBe("error");
      const shown = thrown.outputs.map((o) => o.text ?? "").join("");
      expect(shown).toMatch(/QmkError: invalid handle/);
      expect(shown).toMatch(/codeName: 'INVALID_HANDLE'/);
      expect(shown).toMatch(/code: -32\d{3}/);
    } finally {
      await k.shutdown();
    }
  }, 120_000);

  it("the notebooks pass qmk lint", () => {
    const r = spawnSync("npx", ["--no-install", "tsx", "kernel/cli/main.ts", "lint", "notebooks"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toMatch(/No problems/);
    expect(r.status).toBe(0);
  }, 120_000);
}

describe("notebooks (executed with tslab)", () => suite("tslab"));
describe("notebooks (executed with Deno)", () => suite("deno"));

describe("notebooks: both kernels, committed outputs", () => {
  let tslab: NotebookRun[] = [];
  let deno: NotebookRun[] = [];
  beforeAll(async () => {
    [tslab, deno] = await Promise.all([runAll("tslab"), runAll("deno")]);
  }, 400_000);

  // The same cells give the same outputs under both kernels: kinds in the same order and the same
  // number of printed lines per cell (objects print with other quotes under Deno, so not the text itself).
  it("no output is dropped: every cell shows the same outputs under tslab and Deno", () => {
    const shape = (r: NotebookRun) => r.nb.cells.filter((c: any) => c.cell_type === "code").map((c: any) =>
      c.outputs.map((o: any) => o.output_type === "stream" ? `${o.name}:${o.text.join("").split("\n").length}` : `${o.output_type}:${Object.keys(o.data ?? {}).filter((m) => m !== "text/plain").sort().join(",")}`));
    for (const [i, t] of tslab.entries()) {
      expect(t.ok && deno[i].ok, t.name).toBe(true);
      expect(shape(deno[i]), t.name).toEqual(shape(t));
    }
  });

  it("notebooks/*.ipynb hold the outputs of a run today (so viewers show the pictures)", () => {
    for (const t of tslab) {
      const committed = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", `${t.name}.ipynb`), "utf8"));
      expect(committed.cells.some((c: any) => c.outputs?.length), `${t.name} has no outputs: npm run notebooks -- --write`).toBe(true);
      expect(comparable(committed), `${t.name}.ipynb is stale: npm run notebooks -- --write`).toEqual(comparable(t.nb));
    }
  });
});
