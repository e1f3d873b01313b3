// Monotonicity (SPEC §2.4): no path — offline attenuation or server-side
// delegation — ever widens rights, expiry, uses or depth.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QmkError } from "../../kernel/errors.js";
import { RIGHTS, type Right } from "../../kernel/security/rights.js";
import { TokenRegistry } from "../../kernel/security/tokens-registry.js";
import {
  attenuate,
  foldCaveats,
  inspectToken,
  mintToken,
  parseCaveat,
  verifyToken,
  type TokenAuthority,
  type TokenSpec,
  type TokenStateView,
} from "../../kernel/security/tokens.js";
import { KEY } from "./helpers.js";

const T0 = 1_700_000_000_000;
const noState: TokenStateView = { isRevoked: () => false, usesConsumed: () => 0, depthOf: () => 0 };

const rightsArb = fc.subarray([...RIGHTS] as Right[]);
const timeArb = fc.integer({ min: T0 - 1000, max: T0 + 100_000 });
const specArb: fc.Arbitrary<TokenSpec> = fc.record(
  {
    rights: rightsArb,
    expiresAt: timeArb,
    notBefore: timeArb,
    maxUses: fc.nat({ max: 50 }),
    maxDepth: fc.nat({ max: 10 }),
    tenant: fc.constantFrom("alice", "bob"),
    audience: fc.constantFrom("qmk", "svc"),
  },
  { requiredKeys: [] },
);
// Raw caveat lines, some of them invalid: attenuate must refuse those and leave nothing widened.
const rawCaveatArb = fc.oneof(
  fc.constantFrom("rights = CAP_ADMIN", "uses <= 1000000", "depth <= 99", "expires < 9999999999999", "color = red", "rights = *", "uses<=1"),
  fc.string({ maxLength: 30 }),
);
const stepArb = fc.oneof(specArb.map((s) => ({ spec: s })), rawCaveatArb.map((c) => ({ raw: c })));

const eff = (t: string) => foldCaveats(inspectToken(t).caveats.map(parseCaveat));
const le = (a: number | undefined, b: number | undefined) => (b === undefined ? true : a !== undefined && a <= b);
const ge = (a: number | undefined, b: number | undefined) => (b === undefined ? true : a !== undefined && a >= b);

function tryVerify(t: string, now: number): TokenAuthority | QmkError {
  try {
    return verifyToken(t, { key: KEY, now, audience: ["qmk", "svc"], state: noState });
  } catch (e) {
    if (e instanceof QmkError) return e;
    throw e;
  }
}

describe("monotonic attenuation (property)", () => {
  it("no sequence of offline attenuations widens rights, expiry, not-before, uses, depth, tenant or audience", () => {
    fc.assert(
      fc.property(specArb, fc.array(stepArb, { maxLength: 8 }), timeArb, (rootSpec, steps, now) => {
        let tok = mintToken(KEY, { ...rootSpec, rights: rootSpec.rights ?? [...RIGHTS] });
        for (const step of steps) {
          let next: string;
          try {
            next = "spec" in step ? attenuate(tok, step.spec) : attenuate(tok, [step.raw]);
          } catch (e) {
            // only invalid caveats may be refused, and only as INVALID_PARAMS
            expect(e).toBeInstanceOf(QmkError);
            expect((e as QmkError).codeName).toBe("INVALID_PARAMS");
            continue;
          }
          const a = eff(tok);
          const b = eff(next);
          expect(b.rights!.every((r) => a.rights!.includes(r))).toBe(true);
          expect(le(b.expiresAt, a.expiresAt)).toBe(true);
          expect(ge(b.notBefore, a.notBefore)).toBe(true);
          expect(le(b.maxUses, a.maxUses)).toBe(true);
          expect(le(b.maxDepth, a.maxDepth)).toBe(true);
          expect(a.tenants.every((x) => b.tenants.includes(x))).toBe(true);
          expect(a.audiences.every((x) => b.audiences.includes(x))).toBe(true);
          // acceptance is monotone too: if the attenuated token is accepted, so was its parent,
          // with at least the same rights
          const vb = tryVerify(next, now);
          if (!(vb instanceof QmkError)) {
            const va = tryVerify(tok, now);
            expect(va).not.toBeInstanceOf(QmkError);
            expect(vb.rights.every((r) => (va as TokenAuthority).rights.includes(r))).toBe(true);
          }
          tok = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("no sequence of server-side delegations widens authority; wider requests are refused", () => {
    const reqArb = fc.record(
      {
        rights: rightsArb,
        expiresAt: timeArb,
        maxUses: fc.nat({ max: 30 }),
        maxDepth: fc.nat({ max: 10 }),
        tenant: fc.constantFrom("alice", "bob"),
        audience: fc.constantFrom("qmk", "svc"),
        narrow: fc.boolean(),
      },
      { requiredKeys: ["rights", "narrow"] },
    );
    let granted = 0;
    fc.assert(
      fc.property(specArb, fc.array(reqArb, { minLength: 1, maxLength: 10 }), (rootSpec, reqs) => {
        const reg = new TokenRegistry({ key: KEY, clock: () => T0 - 2000, maxDepth: 6 });
        const rootTok = reg.mint({ ...rootSpec, notBefore: undefined, rights: rootSpec.rights ?? [...RIGHTS] });
        let parent: TokenAuthority;
        try {
          parent = reg.verify(rootTok, { audience: ["qmk", "svc"] });
        } catch {
          return; // e.g. uses <= 0: nothing to delegate from
        }
        let ok = 0;
        for (const { narrow, ...raw } of reqs) {
          const parentLeft = parent.maxUses === undefined ? undefined : parent.maxUses - reg.usesConsumed(parent.tokenId);
          const hopsLeft = Math.min(parent.maxDepth ?? Infinity, 6 - parent.depth);
          const req = { ...raw };
          if (narrow) {
            // clamp the request into the parent's authority: such a request must be granted
            if (hopsLeft < 1 || parentLeft === 0) return;
            req.rights = req.rights.filter((r) => parent.rights.includes(r));
            if (parent.expiresAt !== undefined && (req.expiresAt ?? Infinity) > parent.expiresAt) req.expiresAt = parent.expiresAt;
            if (req.maxUses !== undefined || parentLeft !== undefined) req.maxUses = Math.max(1, Math.min(req.maxUses ?? Infinity, parentLeft ?? Infinity));
            if (req.maxDepth !== undefined) req.maxDepth = Math.min(req.maxDepth, hopsLeft - 1);
            if (parent.tenant !== undefined) delete req.tenant;
          }
          let child: TokenAuthority;
          try {
            child = reg.verify(reg.delegate(parent, req), { audience: ["qmk", "svc"] });
            ok++;
          } catch (e) {
            if (narrow) throw e;
            expect(e).toBeInstanceOf(QmkError);
            expect(["INSUFFICIENT_CAPS", "INVALID_PARAMS", "USES_EXHAUSTED"]).toContain((e as QmkError).codeName);
            continue;
          }
          expect(child.rights.every((r) => parent.rights.includes(r))).toBe(true);
          expect(le(child.expiresAt, parent.expiresAt)).toBe(true);
          expect(le(child.maxUses, parentLeft)).toBe(true);
          expect(child.depth).toBe(parent.depth + 1);
          expect(child.maxDepth!).toBeLessThan(parent.maxDepth ?? 6 - parent.depth);
          if (parent.tenant !== undefined) expect(child.tenant).toBe(parent.tenant);
          expect(parent.audience.every((x) => child.audience.includes(x))).toBe(true);
          parent = child;
        }
        granted += ok;
      }),
      { numRuns: 300 },
    );
    // the property must actually exercise granted delegations, not only refusals
    console.log(`granted delegations: ${granted}`);
    expect(granted).toBeGreaterThan(100);
  });

  it("a token is refused iff it or an ancestor is revoked (random trees)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (parents, revokes) => {
          const reg = new TokenRegistry({ key: KEY, clock: () => T0, maxDepth: 30 });
          const toks = [reg.mint({ rights: ["CAP_ALLOC"] })];
          const parentIdx: number[] = [-1];
          for (const p of parents) {
            const pi = p % toks.length;
            toks.push(reg.delegate(reg.verify(toks[pi]), { rights: ["CAP_ALLOC"] }));
            parentIdx.push(pi);
          }
          const revoked = new Set(revokes.map((r) => r % toks.length));
          for (const r of revoked) reg.revoke(inspectToken(toks[r]).id);
          toks.forEach((t, i) => {
            let dead = false;
            for (let j = i; j !== -1; j = parentIdx[j]) dead ||= revoked.has(j);
            const offline = attenuate(t, ["uses <= 3"]);
            for (const x of [t, offline]) {
              let code = "OK";
              try {
                reg.verify(x);
              } catch (e) {
                code = (e as QmkError).codeName;
              }
              expect(code).toBe(dead ? "TOKEN_REVOKED" : "OK");
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
