// Record framing: every crash cut is a clean prefix or a torn tail, never
// "corruption"; damage before the last record is never mistaken for a torn tail.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frame, scanRecords } from "../../kernel/security/audit/store.js";

const recordsArb = fc.array(fc.uint8Array({ minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 25 });

describe("record framing", () => {
  it("any truncation point yields the complete records before it and a clean or torn tail", () => {
    fc.assert(
      fc.property(recordsArb, fc.nat(), (recs, cutRaw) => {
        const file = Buffer.concat(recs.map(frame));
        const cut = cutRaw % (file.length + 1);
        const r = scanRecords(file.subarray(0, cut));
        expect(r.tail).not.toBe("corrupt");
        // number of records wholly inside the cut
        let end = 0;
        let n = 0;
        for (const x of recs) {
          if (end + 8 + x.length > cut) break;
          end += 8 + x.length;
          n++;
        }
        expect(r.records.length).toBe(n);
        expect(r.goodEnd).toBe(end);
        expect(r.tail).toBe(end === cut ? "clean" : "torn");
        r.records.forEach((p, i) => expect(Buffer.from(p).equals(Buffer.from(recs[i]))).toBe(true));
      }),
      { numRuns: 400 },
    );
  });

  it("a flipped byte in any record but the last is reported as corruption, not a torn tail", () => {
    fc.assert(
      fc.property(recordsArb.filter((r) => r.length >= 2), fc.nat(), fc.integer({ min: 1, max: 255 }), (recs, posRaw, mask) => {
        const file = Buffer.concat(recs.map(frame));
        const lastStart = file.length - 8 - recs[recs.length - 1].length;
        const pos = posRaw % lastStart;
        file[pos] ^= mask;
        const r = scanRecords(file);
        expect(r.tail).toBe("corrupt");
      }),
      { numRuns: 400 },
    );
  });
});
