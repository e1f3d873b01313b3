import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { angleParams, evalAngle } from "../../kernel/qvm/expr.js";
import { QmkError } from "../../kernel/errors.js";

describe("angle expressions", () => {
  it("evaluates numbers and expressions over parameters", () => {
    expect(evalAngle(0.5)).toBe(0.5);
    expect(evalAngle("pi/4")).toBeCloseTo(Math.PI / 4, 15);
    expect(evalAngle("theta/2", { theta: 3 })).toBe(1.5);
    expect(evalAngle("2*atan2(a, b) - tau", { a: 1, b: 1 })).toBeCloseTo(Math.PI / 2 - 2 * Math.PI, 14);
    expect(angleParams("alpha*beta + pi")).toEqual(["alpha", "beta"]);
  });

  it("one compiled form serves every binding", () => {
    fc.assert(fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (t) => evalAngle("3*theta - pi", { theta: t }) === 3 * t - Math.PI));
  });

  it.each([
    ["unknown parameter", "phi/2", /unknown parameter 'phi'/],
    ["syntax error", "pi/", /bad angle expression/],
    ["function call outside the whitelist", "evaluate('1+1')", /not allowed/],
    ["import", "import({}, {})", /not allowed/],
    ["assignment", "pi = 3", /not allowed/],
    ["function definition", "f(x) = x", /not allowed/],
    ["string", '"abc"', /not allowed/],
    ["matrix", "[1, 2]", /not allowed/],
    ["object", "{a: 1}", /not allowed/],
    ["property access", "pi.constructor", /not allowed|parse/],
    ["complex result", "sqrt(-1)", /finite real/],
    ["infinite", "1/0", /finite real/],
    ["too large", "1e7", /exceeds/],
    ["too long", "1+".repeat(150) + "1", /1\.\.200 characters/],
    ["empty", "", /1\.\.200 characters/],
  ])("%s is refused with node and field", (_n, src, msg) => {
    try {
      evalAngle(src, { theta: 1 }, { node: "n7", field: "args.theta" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QmkError);
      expect((e as QmkError).message).toMatch(msg);
      expect((e as QmkError).data).toMatchObject({ node: "n7", field: "args.theta" });
    }
  });

  it("non-finite numbers and non-number params are refused", () => {
    expect(() => evalAngle(Number.NaN)).toThrow(QmkError);
    expect(() => evalAngle(Infinity)).toThrow(QmkError);
    expect(() => evalAngle(null)).toThrow(QmkError);
    expect(() => evalAngle("t", { t: Number.NaN })).toThrow(/finite/);
    expect(() => evalAngle("t", { t: "1" as unknown as number })).toThrow(/finite/);
  });

  it("parameter names that collide with Object.prototype are plain data", () => {
    const params = JSON.parse('{"__proto__": 2, "constructor": 3}') as Record<string, number>;
    expect(evalAngle("__proto__ * constructor", params)).toBe(6);
    expect(() => evalAngle("toString", {})).toThrow(/unknown parameter 'toString'/);
  });

  it("the error code can be chosen for syscall use", () => {
    try {
      evalAngle("x", {}, { code: "INVALID_PARAMS", field: "args.theta" });
    } catch (e) {
      expect((e as QmkError).codeName).toBe("INVALID_PARAMS");
    }
    expect.assertions(1);
  });

  it("never throws anything but QmkError on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        try {
          const v = evalAngle(s, { theta: 1 });
          return Number.isFinite(v);
        } catch (e) {
          return e instanceof QmkError;
        }
      }),
      { numRuns: 500 },
    );
  });
});
