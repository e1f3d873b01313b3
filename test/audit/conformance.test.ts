// Every RFC 6962 / RFC 9162 conformance vector (happy paths and every mutation).
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyConsistencyJson, verifyInclusionJson } from "../../kernel/security/audit/index.js";

const ROOT = path.resolve(__dirname, "../fixtures/conformance/rfc6962");

function vectors(kind: "inclusion" | "consistency"): { file: string; data: Record<string, unknown> }[] {
  const out: { file: string; data: Record<string, unknown> }[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".json")) out.push({ file: path.relative(ROOT, p), data: JSON.parse(fs.readFileSync(p, "utf8")) });
    }
  };
  walk(path.join(ROOT, kind));
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function outcome(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

describe("RFC 6962 conformance vectors", () => {
  const inc = vectors("inclusion");
  const con = vectors("consistency");

  it("finds the vector set (both kinds, happy and mutated)", () => {
    expect(inc.length).toBeGreaterThanOrEqual(90);
    expect(con.length).toBeGreaterThanOrEqual(90);
    expect(inc.some((v) => v.data.wantErr === false)).toBe(true);
    expect(inc.some((v) => v.data.wantErr === true)).toBe(true);
  });

  it.each(inc.map((v) => [v.file, v.data] as const))("inclusion %s", (_f, data) => {
    expect(outcome(() => verifyInclusionJson(data))).toBe(data.wantErr);
  });

  it.each(con.map((v) => [v.file, v.data] as const))("consistency %s", (_f, data) => {
    expect(outcome(() => verifyConsistencyJson(data))).toBe(data.wantErr);
  });
});
