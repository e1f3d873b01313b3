// Benchmark: lint a generated 1 000-line DSL program; prints cold and warm times.
// Run: npx tsx lint-rules/bench.ts [lines]   (target: warm < 1 s)
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { lintText } from "./index.js";

/** A realistic mix: sessions, helpers, loops over registers, branches, containers, channels. */
export function generateProgram(targetLines = 1000): string {
  const out: string[] = [
    `import { qmk, h, x, cx, cz, rz, measure, reset, free, ifOne } from "../dsl/index.js";`,
    `declare const flag: boolean;`,
    `const conn = await qmk.local();`,
    `const alice = await conn.tenant("alice", { rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"] });`,
    `const bob = await conn.tenant("bob", { rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"] });`,
  ];
  let i = 0;
  while (out.length < targetLines - 12) {
    const n = i++;
    switch (n % 4) {
      case 0: out.push(
        `export function ghz${n}(k: number) {`,
        `  const reg = alice.alloc(4);`,
        `  h(reg[0]);`,
        `  for (let j = 0; j + 1 < 4; j++) cx(reg[j], reg[j + 1]);`,
        `  const outcomes: number[] = [];`,
        `  for (const q of reg) { measure(q); outcomes.push(k); }`,
        `  return outcomes;`,
        `}`); break;
      case 1: out.push(
        `const a${n} = alice.qubit(), b${n} = alice.qubit();`,
        `const pair${n} = { ctl: a${n}, tgt: b${n} };`,
        `h(pair${n}.ctl);`,
        `cx(pair${n}.ctl, pair${n}.tgt);`,
        `if (flag) { rz(a${n}, 0.5); }`,
        `measure(a${n});`,
        `ifOne(a${n}, () => x(b${n}));`,
        `measure(b${n});`); break;
      case 2: out.push(
        `function helper${n}(q: unknown) {`,
        `  h(q as never);`,
        `  measure(q as never);`,
        `}`,
        `for (let r = 0; r < 3; r++) {`,
        `  const t = bob.qubit();`,
        `  helper${n}(t);`,
        `}`); break;
      case 3: out.push(
        `const req${n} = alice.requestChannel(bob, { maxUses: 1 });`,
        `const ch${n} = bob.approve(req${n});`,
        `const c${n} = alice.qubit(), d${n} = bob.qubit();`,
        `const pool${n} = new Map();`,
        `pool${n}.set("c", c${n});`,
        `cz(pool${n}.get("c"), bob.lend(d${n}, ch${n}), ch${n});`,
        `try { measure(c${n}); } finally { free(d${n}); }`,
        `ch${n}.revoke();`); break;
    }
  }
  // One deliberate bug near the end so the run proves the analysis reached it.
  out.push(`const last = alice.qubit();`, `const alias = last;`, `measure(last);`, `x(alias);`, `free(last);`);
  while (out.length < targetLines) out.push(`// padding`);
  return out.join("\n") + "\n";
}

function main() {
  const lines = Number(process.argv[2] ?? 1000);
  const text = generateProgram(lines);
  const t0 = performance.now();
  const first = lintText("bench.ts", text);
  const cold = performance.now() - t0;
  const warm: number[] = []; const cpu: number[] = [];
  for (let k = 0; k < 7; k++) {
    // A fresh edit each time (editor keystroke): new text, same shape.
    const edited = text.replace("// padding", `// padding ${k}`);
    const s = performance.now(); const c = process.cpuUsage();
    lintText("bench.ts", edited);
    warm.push(performance.now() - s);
    const u = process.cpuUsage(c); cpu.push((u.user + u.system) / 1000);
  }
  warm.sort((a, b) => a - b); cpu.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  console.log(`qmk-lint bench: ${text.split("\n").length - 1} lines, ${first.length} diagnostic(s): ${first.map((d) => `${d.rule}@${d.line}`).join(", ")}`);
  console.log(`cold (first run, incl. JIT): ${cold.toFixed(1)} ms`);
  console.log(`warm median of ${warm.length}: ${median.toFixed(1)} ms (min ${warm[0].toFixed(1)}, max ${warm[warm.length - 1].toFixed(1)}) — target < 1000 ms: ${median < 1000 ? "OK" : "MISSED"}`);
  console.log(`warm CPU time (user+sys) median: ${cpu[Math.floor(cpu.length / 2)].toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  if (median >= 1000) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) main();
