import { describe, expect, it } from "vitest";
import fc from "fast-check";
import AjvModule from "ajv";
import { QVM_SCHEMA, schemaIssues } from "../../kernel/qvm/schema.js";
import { conformanceFiles, loadConformance } from "./helpers.js";

const Ajv = AjvModule as unknown as typeof AjvModule.default;

describe("QVM JSON schema", () => {
  const full = new Ajv({ allErrors: true, strict: false }).compile(QVM_SCHEMA);

  it("the published schema (per-opcode if/then) and the fast dispatch agree", () => {
    const seeds = conformanceFiles().map(loadConformance);
    const values = [0, -1, 1.5, "pi/2", "", "X", "W", null, true, 1e9, [], {}];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.nat(), fc.constantFrom("theta", "angle", "n", "mask", "pauli", "profile", "tenant", "channel", "tag", "bogus"), fc.nat(values.length - 1), fc.constantFrom("APPLY_RZ", "APPLY_U", "MEASURE_ANGLE", "COND_PAULI", "ALLOC_LQ", "APPLY_CNOT", "SET_POLICY", "APPLY_H"), (i, k, key, vi, op) => {
        const g = structuredClone(seeds[i]!);
        const n = g.program.nodes[k % g.program.nodes.length]!;
        n.op = op;
        n.args = { ...(n.args ?? {}), [key]: values[vi] };
        expect(schemaIssues(g).length === 0).toBe(full(g));
      }),
      { numRuns: 400 },
    );
  });

  it("accepts the upstream spellings: missing caps, missing chs, pauli alias", () => {
    const g = {
      version: "0.1",
      program: { nodes: [{ id: "c", op: "COND_PAULI", vqs: ["q"], args: { pauli: "Z" } }] },
      resources: { vqs: ["q"], events: [] },
    };
    expect(schemaIssues(g)).toEqual([]);
  });

  it("maps errors to node and field", () => {
    const g = {
      version: "0.1",
      program: { nodes: [{ id: "u", op: "APPLY_U", vqs: ["q"], args: { theta: 1, phi: [], lambda: 0 } }] },
      resources: { vqs: ["q"], events: [7] },
    };
    expect(schemaIssues(g).map((e) => [e.node, e.field])).toEqual(
      expect.arrayContaining([
        ["u", "args.phi"],
        [undefined, "resources.events[0]"],
      ]),
    );
  });
});
