// A third party's check of the audit log, written without the project's
// verification code: this file imports the log only to *produce* a log, and
// checks everything with node:crypto (Ed25519 verify, SHA-256) and a
// from-scratch RFC 9162 verifier. That verifier is first held to the shared
// RFC 6962 vectors (test/fixtures/conformance/rfc6962, transparency-dev/merkle),
// then used on our checkpoints, inclusion and consistency proofs.
import { createHash, createPublicKey, verify as edVerify } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog } from "../../kernel/security/audit/index.js";
import { KEY, tmpDir } from "./helpers.js";

const sha = (...parts: Buffer[]): Buffer => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};
const b64 = (s: string): Buffer => Buffer.from(s, "base64");
const nodeHash = (l: Buffer, r: Buffer): Buffer => sha(Buffer.from([1]), l, r);

// ---- RFC 9162 §2.1.3.2 and §2.1.4.2, transcribed -----------------------------

function rootFromInclusion(index: number, size: number, leaf: Buffer, proof: Buffer[]): Buffer {
  if (index >= size) throw new Error("index beyond tree");
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error("proof too long");
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else r = nodeHash(r, p);
    fn >>= 1;
    sn >>= 1;
  }
  if (sn !== 0) throw new Error("proof too short");
  return r;
}

function checkConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]): void {
  if (size1 > size2) throw new Error("size1 > size2");
  if (size1 === 0) throw new Error("consistency from the empty tree proves nothing"); // the vectors want an error
  if (size1 === size2) {
    if (proof.length !== 0 || !root1.equals(root2)) throw new Error("same size: empty proof and equal roots required");
    return;
  }
  if (proof.length === 0) throw new Error("empty proof");
  const path_ = size1 & (size1 - 1) ? proof : [root1, ...proof]; // size1 a power of two: root1 starts the path
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) { fn >>= 1; sn >>= 1; }
  let fr = path_[0];
  let sr = path_[0];
  for (const c of path_.slice(1)) {
    if (sn === 0) throw new Error("proof too long");
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else sr = nodeHash(sr, c);
    fn >>= 1;
    sn >>= 1;
  }
  if (sn !== 0 || !fr.equals(root1) || !sr.equals(root2)) throw new Error("consistency proof does not match the roots");
}

// ---- signed-note / tlog-checkpoint, transcribed from c2sp.org --------------------

interface Vkey { name: string; id: Buffer; pub: Buffer }
function parseVkey(s: string): Vkey {
  const [name, idHex, keyB64] = s.trim().split("+");
  const k = b64(keyB64);
  expect(k[0]).toBe(0x01); // Ed25519
  const pub = k.subarray(1);
  const id = sha(Buffer.from(name), Buffer.from([0x0a, 0x01]), pub).subarray(0, 4);
  expect(id.toString("hex")).toBe(idHex); // the key hash in the name is the one the spec defines
  return { name, id, pub };
}

function checkNote(note: string, k: Vkey): { origin: string; size: number; root: Buffer } {
  const split = note.lastIndexOf("\n\n");
  const text = note.slice(0, split + 1);
  const sigLines = note.slice(split + 2).split("\n").filter(Boolean);
  const spki = createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), k.pub]), format: "der", type: "spki" });
  const mine = sigLines.map((l) => /^\u2014 (\S+) (\S+)$/.exec(l)!).find((m) => m[1] === k.name && b64(m[2]).subarray(0, 4).equals(k.id));
  if (!mine) throw new Error("no signature by the key");
  if (!edVerify(null, Buffer.from(text, "utf8"), spki, b64(mine[2]).subarray(4))) throw new Error("bad signature");
  const [origin, size, root, end] = text.split("\n");
  expect(end).toBe(""); // exactly three lines
  expect(origin).toBe(k.name);
  return { origin, size: Number(size), root: b64(root) };
}

// ------------------------------------------------------------------------------

describe("the RFC 9162 verifier of this file meets the shared vectors", () => {
  const ROOT = path.resolve(__dirname, "../fixtures/conformance/rfc6962");
  const files = (kind: string): string[] => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith(".json") && out.push(path.join(d, e.name));
    };
    walk(path.join(ROOT, kind));
    return out;
  };
  const fails = (f: () => unknown): boolean => {
    try {
      f();
      return false;
    } catch {
      return true;
    }
  };
  it("inclusion and consistency vectors (every happy path and mutation)", () => {
    const inc = files("inclusion");
    const con = files("consistency");
    expect(inc.length).toBeGreaterThan(90);
    expect(con.length).toBeGreaterThan(90);
    for (const f of inc) {
      const v = JSON.parse(fs.readFileSync(f, "utf8"));
      const bad = fails(() => {
        if (!Number.isSafeInteger(v.leafIdx) || v.leafIdx < 0 || !v.leafHash || !v.root) throw new Error("malformed");
        const r = rootFromInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64));
        if (!r.equals(b64(v.root))) throw new Error("root mismatch");
      });
      expect(bad, f).toBe(v.wantErr);
    }
    for (const f of con) {
      const v = JSON.parse(fs.readFileSync(f, "utf8"));
      const bad = fails(() => checkConsistency(v.size1, v.size2, b64(v.root1 ?? ""), b64(v.root2 ?? ""), (v.proof ?? []).map(b64)));
      expect(bad, f).toBe(v.wantErr);
    }
  });
});

describe("a third party checks our log with node:crypto and the public key only", () => {
  it("every checkpoint verifies; proofs against checkpoint roots verify; a forgery does not", async () => {
    const dir = tmpDir("indep");
    const log = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    const kept: string[] = [];
    for (let batch = 0; batch < 7; batch++) {
      for (let i = 0; i <= batch * 3; i++) log.append({ type: i % 3 ? "cap.use" : "cap.deny", tenant: `t${i % 2}`, details: { batch, i } });
      await log.durable();
      kept.push(log.lastSignedHead()!.checkpoint);
    }
    const k = parseVkey(fs.readFileSync(path.join(dir, "audit.pub"), "utf8").split("\n")[0]);
    const cps = kept.map((n) => checkNote(n, k));
    const last = cps[cps.length - 1];
    expect(last.size).toBe(log.size);

    // every event is included under the newest checkpoint's root
    for (const idx of [0, 1, 5, last.size - 1]) {
      const p = log.inclusionProof(idx, last.size);
      const leaf = b64(p.leafHash);
      expect(leaf.equals(sha(Buffer.from([0]), rawEvent(dir, idx)))).toBe(true); // the leaf is the stored bytes
      expect(rootFromInclusion(idx, last.size, leaf, p.proof.map(b64)).equals(last.root)).toBe(true);
    }
    // every earlier checkpoint is a prefix of the newest
    for (const c of cps.slice(1, -1)) {
      const p = log.consistencyProof(c.size, last.size);
      checkConsistency(c.size, last.size, c.root, last.root, p.proof.map(b64));
    }
    // a checkpoint with another size, or signed by another key, fails the independent check
    const forged = kept[2].replace(`\n${cps[2].size}\n`, `\n${cps[2].size + 1}\n`);
    expect(() => checkNote(forged, k)).toThrow(/bad signature/);
    await log.close();
  });
});

/** The stored bytes of event `idx` (what the leaf hash covers), read straight from events.log. */
function rawEvent(dir: string, idx: number): Buffer {
  const b = fs.readFileSync(path.join(dir, "events.log"));
  let off = 0;
  let n = -1;
  while (off + 8 <= b.length) {
    const len = b.readUInt32LE(off);
    const payload = b.subarray(off + 8, off + 8 + len);
    off += 8 + len;
    if (payload[0] === 0x7b && ++n === idx) return payload;
  }
  throw new Error(`event ${idx} not found`);
}
