// The DSL evaluates angles with the kernel's expression language: what one
// accepts the other accepts, what one refuses the other refuses (issue 16).
import { describe, expect, it } from "vitest";
import { evalAngle as dslEval, angleParams as dslParams } from "../../dsl/angles.js";
import { evalAngle as kernelEval } from "../../kernel/qvm/expr.js";

const refused = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { codeName?: string }).codeName;
  }
  return undefined;
};

describe("one expression language for the DSL and the kernel", () => {
  it("the same values", () => {
    for (const [src, params] of [["pi/4", {}], ["theta/2", { theta: 1.3 }], ["2*pi - tau", {}], ["sqrt(2)*cos(phi)", { phi: 0.4 }], ["e^2", {}]] as const)
      expect(dslEval(src, params)).toBe(kernelEval(src, params));
  });

  it("the same refusals, as INVALID_PARAMS naming the field", () => {
    for (const src of ["3!", "import('fs')", "x = 2", "[1,2]", "pi/", "1e7"]) {
      expect(refused(() => kernelEval(src, { x: 1 })), src).toBeDefined();
      expect(refused(() => dslEval(src, { x: 1 }, "args.theta")), src).toBe("INVALID_PARAMS");
    }
    try {
      dslEval("3!", {}, "g1.args.theta");
    } catch (e) {
      expect((e as { data: { field?: string } }).data.field).toBe("g1.args.theta");
    }
  });

  it("parameter names", () => {
    expect(dslParams("theta/2 + phi*pi").sort()).toEqual(["phi", "theta"]);
    expect(dslParams(0.5)).toEqual([]);
    expect(dslParams("3!")).toEqual([]);
  });
});
