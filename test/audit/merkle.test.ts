// RFC 6962 hashing, the compact range, and proofs (reference + property tests).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import {
  AuditLog, CompactRange, EMPTY_ROOT, leafHash, nodeHash, rootFromLeafHashes, rootOfData, toHex,
  verifyConsistency, verifyConsistencyJson, verifyInclusion, verifyInclusionJson,
} from "../../kernel/security/audit/index.js";
import { consistencyPath, inclusionPath, subtreeHash } from "../../kernel/security/audit/proofs.js";
import { MemoryNodeStore } from "../../kernel/security/audit/store.js";

const REF_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((h) => Buffer.from(h, "hex"));

function build(n: number): { leaves: Uint8Array[]; nodes: MemoryNodeStore; range: CompactRange } {
  const nodes = new MemoryNodeStore();
  const range = new CompactRange();
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const l = leafHash(Buffer.from(`leaf-${i}`));
    leaves.push(l);
    range.append(l, (lv, idx, h) => nodes.put(lv, idx, h));
  }
  return { leaves, nodes, range };
}

// Textbook recursive definitions of RFC 6962 §2.1.1 / §2.1.2, on the leaf list itself.
function refPath(m: number, d: Uint8Array[]): Uint8Array[] {
  const n = d.length;
  if (n <= 1) return [];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m < k ? [...refPath(m, d.slice(0, k)), rootFromLeafHashes(d.slice(k))] : [...refPath(m - k, d.slice(k)), rootFromLeafHashes(d.slice(0, k))];
}
function refSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  const n = d.length;
  if (m === n) return b ? [] : [rootFromLeafHashes(d)];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m <= k ? [...refSubproof(m, d.slice(0, k), b), rootFromLeafHashes(d.slice(k))] : [...refSubproof(m - k, d.slice(k), false), rootFromLeafHashes(d.slice(0, k))];
}
const hexes = (a: Uint8Array[]): string[] => a.map(toHex);

describe("RFC 6962 tree hashing", () => {
  it("empty tree is SHA-256 of the empty string", () => {
    expect(toHex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(rootOfData([]))).toBe(toHex(EMPTY_ROOT));
  });

  it("leaf and node hashes use the 0x00 / 0x01 domain prefixes", () => {
    const d = Buffer.from("abc");
    expect(toHex(leafHash(d))).toBe(createHash("sha256").update(Buffer.concat([Buffer.from([0]), d])).digest("hex"));
    const l = leafHash(Buffer.from("l"));
    const r = leafHash(Buffer.from("r"));
    expect(toHex(nodeHash(l, r))).toBe(createHash("sha256").update(Buffer.concat([Buffer.from([1]), l, r])).digest("hex"));
  });

  it("the 8-leaf reference tree has root 5dc9da79…", () => {
    expect(toHex(rootOfData(REF_LEAVES))).toBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    const r = new CompactRange();
    for (const d of REF_LEAVES) r.append(leafHash(d));
    expect(toHex(r.root())).toBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  });

  it("known roots of the reference tree prefixes (from the RFC 6962 test data)", () => {
    const want = [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    ];
    for (let n = 1; n <= 7; n++) expect(toHex(rootOfData(REF_LEAVES.slice(0, n))), `size ${n}`).toBe(want[n - 1]);
  });

  it("[A,B,C] and [A,B,C,C] have different roots (no duplicate-last-leaf padding)", () => {
    const [a, b, c] = ["A", "B", "C"].map((s) => Buffer.from(s));
    const r3 = toHex(rootOfData([a, b, c]));
    const r4 = toHex(rootOfData([a, b, c, c]));
    expect(r3).not.toBe(r4);
    // and the 3-leaf root is H(H(a,b), c) per the split rule
    expect(r3).toBe(toHex(nodeHash(nodeHash(leafHash(a), leafHash(b)), leafHash(c))));
  });

  it("compact range matches the reference MTH for every size up to 300, with O(log n) peaks", () => {
    const { leaves } = build(300);
    const r = new CompactRange();
    for (let n = 1; n <= 300; n++) {
      r.append(leaves[n - 1]);
      expect(toHex(r.root())).toBe(toHex(rootFromLeafHashes(leaves.slice(0, n))));
      expect(r.getPeaks().length).toBe(n.toString(2).split("").filter((c) => c === "1").length);
    }
  });

  it("stored nodes give every subtree hash", () => {
    const { leaves, nodes } = build(77);
    for (let s = 0; s < 77; s += 5) for (let e = s + 1; e <= 77; e += 7) {
      // Only RFC-shaped ranges are queried in practice; check the aligned ones.
      const n = e - s;
      let k = 1;
      while (k < n) k *= 2;
      if (s % k !== 0 && e !== 77) continue;
      expect(toHex(subtreeHash(nodes, s, e))).toBe(toHex(rootFromLeafHashes(leaves.slice(s, e))));
    }
  });
});

describe("proof generation equals the RFC definitions", () => {
  it("inclusion and consistency paths for all pairs up to n = 40", () => {
    const { leaves, nodes } = build(40);
    for (let n = 1; n <= 40; n++) {
      const d = leaves.slice(0, n);
      for (let m = 0; m < n; m++) expect(hexes(inclusionPath(nodes, m, n))).toEqual(hexes(refPath(m, d)));
      for (let m = 1; m < n; m++) expect(hexes(consistencyPath(nodes, m, n))).toEqual(hexes(refSubproof(m, d, true)));
    }
  });
});

describe("property: proofs verify, mutations fail", () => {
  const sizes = fc.integer({ min: 1, max: 600 });

  it("inclusion proofs verify and every mutation is rejected", () => {
    const { nodes } = build(600);
    fc.assert(
      fc.property(sizes, fc.nat(), fc.nat(), fc.nat(255), (n, mRaw, which, bit) => {
        const m = mRaw % n;
        const proof = inclusionPath(nodes, m, n);
        const root = subtreeHash(nodes, 0, n);
        const leaf = nodes.node(0, m);
        verifyInclusion(m, n, leaf, proof, root); // must not throw
        const bad: (() => void)[] = [
          () => verifyInclusion(m, n, leafHash(Buffer.from("other")), proof, root),
          () => verifyInclusion(m, n, leaf, proof, nodeHash(root, root)),
          () => verifyInclusion(m, n, leaf, [...proof, root], root),
        ];
        if (n > 1) {
          bad.push(() => verifyInclusion((m + 1) % n, n, leaf, proof, root));
          bad.push(() => verifyInclusion(m, n, leaf, proof.slice(0, -1), root));
          const flipped = proof.map((p) => Uint8Array.from(p));
          flipped[which % proof.length][bit % 32] ^= 1 << (bit % 8);
          bad.push(() => verifyInclusion(m, n, leaf, flipped, root));
        }
        for (const f of bad) expect(f).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("consistency proofs verify and every mutation is rejected", () => {
    const { nodes } = build(600);
    fc.assert(
      fc.property(sizes, sizes, fc.nat(), fc.nat(255), (a, b, which, bit) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = consistencyPath(nodes, m, n);
        const r1 = subtreeHash(nodes, 0, m);
        const r2 = subtreeHash(nodes, 0, n);
        verifyConsistency(m, n, r1, r2, proof);
        const bad: (() => void)[] = [
          // swapped roots (or, when both trees are equal, a foreign first root)
          () => (m === n ? verifyConsistency(m, n, nodeHash(r1, r1), r2, proof) : verifyConsistency(m, n, r2, r1, proof)),
          () => verifyConsistency(m, n, r1, nodeHash(r2, r2), proof),
          () => verifyConsistency(m, n, r1, r2, [...proof, r1]),
          () => verifyConsistency(0, n, EMPTY_ROOT, r2, []),
        ];
        if (m < n) {
          bad.push(() => verifyConsistency(m, n, r1, r2, proof.slice(1)));
          // (sizes are not mutated here: e.g. 1→5 and 1→6 can share a proof shape; the vectors cover size mutations)
          bad.push(() => verifyConsistency(m, n, r1, r2, [...proof].reverse().length > 1 ? [...proof].reverse() : [nodeHash(proof[0], proof[0])]));
          const flipped = proof.map((p) => Uint8Array.from(p));
          flipped[which % proof.length][bit % 32] ^= 1 << (bit % 8);
          bad.push(() => verifyConsistency(m, n, r1, r2, flipped));
        }
        for (const f of bad) expect(f).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("AuditLog proofs (JSON) verify for random sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.nat(), fc.nat(), (n, i, j) => {
        const log = AuditLog.open({ dir: null, signingKey: new Uint8Array(32), epochEvents: 0 });
        for (let k = 0; k < n; k++) log.append({ type: "cap.use", tenant: `t${k % 3}` });
        const idx = i % n;
        const size = idx + 1 + (j % (n - idx));
        const p = log.inclusionProof(idx, size);
        verifyInclusionJson(p);
        expect(p.root).toBe(Buffer.from(log.rootAt(size), "hex").toString("base64"));
        const c = log.consistencyProof(size, n);
        verifyConsistencyJson(c);
        const wrong = Buffer.from(c.root2, "base64");
        wrong[0] ^= 0x80;
        expect(() => verifyConsistencyJson({ ...c, root2: wrong.toString("base64") })).toThrow();
      }),
      { numRuns: 60 },
    );
  });

  it("consistency from size 0 is rejected", () => {
    expect(() => verifyConsistency(0, 5, EMPTY_ROOT, EMPTY_ROOT, [])).toThrow(/empty tree/);
    const log = AuditLog.open({ dir: null, signingKey: new Uint8Array(32) });
    log.append({ type: "cap.use" });
    expect(() => log.consistencyProof(0, 1)).toThrow(/0 < first/);
  });
});
