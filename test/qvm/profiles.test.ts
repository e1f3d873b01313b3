import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE, parseProfile, physicalCost, shypsPhysicalPerLogical } from "../../kernel/qec/profiles.js";
import { QmkError } from "../../kernel/errors.js";

describe("QEC profiles", () => {
  it.each([
    ["logical:Surface(d=7)", "surface", 7, 97, "logical:Surface(d=7)"],
    ["Surface(d=7)", "surface", 7, 97, "logical:Surface(d=7)"],
    ["surface_code(d=3)", "surface", 3, 17, "logical:Surface(d=3)"],
    ["logical:surface_code(d=5)", "surface", 5, 49, "logical:Surface(d=5)"],
    ["LOGICAL:SURFACE( d = 3 )", "surface", 3, 17, "logical:Surface(d=3)"],
    ["logical:BaconShor(d=5)", "bacon_shor", 5, 25, "logical:BaconShor(d=5)"],
    ["bacon_shor(d=3)", "bacon_shor", 3, 9, "logical:BaconShor(d=3)"],
    ["logical:SHYPS(d=9)", "shyps", 9, 77, "logical:SHYPS(d=9)"],
    ["shyps(d=3)", "shyps", 3, 11, "logical:SHYPS(d=3)"],
  ])("%s", (s, scheme, d, ppl, canonical) => {
    const p = parseProfile(s);
    expect(p).toEqual({ scheme, distance: d, physicalPerLogical: ppl, canonical });
  });

  it("surface is 2d²−1 and Bacon–Shor d² for every odd d", () => {
    for (let d = 1; d <= 101; d += 2) {
      expect(parseProfile(`Surface(d=${d})`).physicalPerLogical).toBe(2 * d * d - 1);
      expect(parseProfile(`BaconShor(d=${d})`).physicalPerLogical).toBe(d * d);
    }
  });

  it("SHYPS uses the smallest simplex code reaching d: [[49,9,4]] up to d=3, [[225,16,8]] for d=5..7", () => {
    expect(shypsPhysicalPerLogical(3)).toBe(Math.ceil((2 * 49) / 9));
    expect(shypsPhysicalPerLogical(5)).toBe(Math.ceil((2 * 225) / 16));
    expect(shypsPhysicalPerLogical(7)).toBe(Math.ceil((2 * 225) / 16));
    expect(shypsPhysicalPerLogical(9)).toBe(Math.ceil((2 * 961) / 25));
    // cheaper than the surface code at equal distance, as the SHYPS paper claims
    for (let d = 3; d <= 31; d += 2) expect(shypsPhysicalPerLogical(d)).toBeLessThan(2 * d * d - 1);
  });

  it("default profile and costs", () => {
    expect(parseProfile(undefined).canonical).toBe(DEFAULT_PROFILE);
    expect(physicalCost(4)).toBe(4 * 17);
    expect(physicalCost(2, "logical:Surface(d=7)")).toBe(194);
  });

  it.each([
    "logical:Color(d=3)",
    "Surface(d=4)",
    "Surface(d=0)",
    "Surface(d=-3)",
    "Surface(d=3.5)",
    "Surface(d=1e1)",
    "Surface(d=)",
    "Surface(d=103)",
    "Surface",
    "",
    "logical:Surface(d=3) extra",
    "x".repeat(500),
  ])("rejects %j with INVALID_PARAMS field profile", (s) => {
    try {
      parseProfile(s);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QmkError);
      expect((e as QmkError).codeName).toBe("INVALID_PARAMS");
      expect((e as QmkError).data.field).toBe("profile");
    }
  });

  it("rejects non-strings", () => {
    for (const v of [3, null, {}, ["Surface(d=3)"]]) expect(() => parseProfile(v)).toThrow(QmkError);
  });
});
