// AuditLog behaviour: events, encoding, secret guard, queries, signed heads,
// persistence, group commit, attestation.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QmkError } from "../../kernel/errors.js";
import {
  AuditLog, EVENT_TYPES, SEVERITIES, canonicalJson, decodeEvent, encodeEvent, graphHash, leafHash, rootFromLeafHashes,
  sanitizeDetails, signAttestation, toHex, verifyAttestation, verifyConsistencyJson, verifyInclusionJson, verifyLogDir, verifyTreeHeadSignature,
  type AuditEvent,
} from "../../kernel/security/audit/index.js";
import { KEY, manualClock, tmpDir } from "./helpers.js";

const open: AuditLog[] = [];
function mem(opts: Partial<Parameters<typeof AuditLog.open>[0]> = {}): AuditLog {
  const l = AuditLog.open({ dir: null, signingKey: KEY, ...opts });
  open.push(l);
  return l;
}
afterEach(async () => {
  for (const l of open.splice(0)) await l.close().catch(() => {});
});

const TOKEN = "qmk1.eyJ0ZW5hbnQiOiJhbGljZSIsInJpZ2h0cyI6WyJDQVBfQUxMT0MiXX0.Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA";

describe("events and encoding", () => {
  it("has ≥ 20 event types, each with a valid default severity", () => {
    const types = Object.keys(EVENT_TYPES);
    expect(types.length).toBeGreaterThanOrEqual(20);
    for (const t of types) expect(SEVERITIES).toContain(EVENT_TYPES[t as keyof typeof EVENT_TYPES]);
    for (const need of ["tenant.create", "cap.grant", "cap.use", "cap.deny", "cap.delegate", "cap.revoke", "handle.refuse", "qubit.alloc", "qubit.free",
      "job.submit", "job.start", "job.complete", "job.fail", "job.cancel", "channel.request", "channel.approve", "channel.reject", "channel.use",
      "channel.revoke", "firewall.violation", "linearity.violation", "quota.exceeded", "rate.limited", "policy.change", "key.rotate", "audit.epoch"]) {
      expect(types).toContain(need);
    }
  });

  it("canonical encoding: key order of details does not matter, decode∘encode is identity", () => {
    const base: AuditEvent = { index: 3, time: 42, type: "cap.use", severity: "info", tenant: "alice", session: "s", op: "q_apply", decision: "allow", reason: null, details: { b: 1, a: { y: [1, "x"], x: true } } };
    const other = { ...base, details: { a: { x: true, y: [1, "x"] }, b: 1 } };
    expect(encodeEvent(base).equals(encodeEvent(other))).toBe(true);
    expect(encodeEvent(base).toString()).toBe(
      '{"decision":"allow","details":{"a":{"x":true,"y":[1,"x"]},"b":1},"index":3,"op":"q_apply","reason":null,"session":"s","severity":"info","tenant":"alice","time":42,"type":"cap.use","v":1}',
    );
    expect(decodeEvent(encodeEvent(base))).toEqual({ ...base, details: other.details });
    expect(canonicalJson({ "é": 1, a: [null, 1.5] })).toBe('{"a":[null,1.5],"é":1}');
  });

  it("decode rejects non-canonical or malformed bytes", () => {
    const e: AuditEvent = { index: 0, time: 1, type: "cap.use", severity: "info", tenant: null, session: null, op: null, decision: null, reason: null, details: {} };
    const good = encodeEvent(e).toString();
    expect(() => decodeEvent(Buffer.from(good.replace('"index":0', '"index": 0')))).toThrow(/canonical/);
    expect(() => decodeEvent(Buffer.from(good.replace("cap.use", "cap.nope")))).toThrow(QmkError);
    expect(() => decodeEvent(Buffer.from("not json"))).toThrow(/JSON/);
  });

  it("rejects unknown types, bad fields and oversized events with INVALID_PARAMS", () => {
    const l = mem();
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as QmkError).codeName;
      }
      return "none";
    };
    expect(code(() => l.append({ type: "nope" as never }))).toBe("INVALID_PARAMS");
    expect(code(() => l.append({ type: "cap.use", severity: "loud" as never }))).toBe("INVALID_PARAMS");
    expect(code(() => l.append({ type: "cap.use", tenant: 5 as never }))).toBe("INVALID_PARAMS");
    expect(code(() => l.append({ type: "cap.use", details: { blob: "x ".repeat(40_000) } }))).toBe("INVALID_PARAMS");
    expect(l.size).toBe(0); // failed appends leave no trace
  });
});

describe("secret guard", () => {
  it("redacts token-like values and secret-named keys; keeps ids and digests", () => {
    const digest = "0f1e2d3c".repeat(8);
    const d = sanitizeDetails({
      token: "short",
      signing_key: "k",
      apiKey: "x",
      authorization: "Bearer abc",
      token_id: "tok_1234",
      note: TOKEN,
      nested: { list: [TOKEN, "ok"] },
      bytes: new Uint8Array([1, 2, 3]),
      graph_hash: digest,
      root: digest,
      unrelated: digest, // 64 hex under a non-digest key still looks like a key
      rights: ["CAP_ALLOC"],
      count: 3,
    });
    expect(d.token).toMatch(/^\[redacted:[0-9a-f]{16}\]$/);
    expect(d.signing_key).toMatch(/^\[redacted/);
    expect(d.apiKey).toMatch(/^\[redacted/);
    expect(d.authorization).toMatch(/^\[redacted/);
    expect(d.token_id).toBe("tok_1234");
    expect(d.note).toMatch(/^\[redacted/);
    expect((d.nested as { list: string[] }).list[0]).toMatch(/^\[redacted/);
    expect((d.nested as { list: string[] }).list[1]).toBe("ok");
    expect(d.bytes).toMatch(/^\[redacted/);
    expect(d.graph_hash).toBe(digest);
    expect(d.root).toBe(digest);
    expect(d.unrelated).toMatch(/^\[redacted/);
    expect(d.rights).toEqual(["CAP_ALLOC"]);
    expect(d.count).toBe(3);
  });

  it("no logged byte contains the full token, also via session/reason", () => {
    const l = mem();
    l.append({ type: "cap.deny", tenant: "alice", session: TOKEN, reason: TOKEN, details: { presented: TOKEN } });
    const [e] = l.query({});
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(JSON.stringify(e)).not.toContain(TOKEN.slice(5, 45));
    // the same secret gets the same fingerprint (correlation without disclosure)
    expect(e.session).toBe(e.reason);
  });
});

describe("tree and proofs", () => {
  it("root is the RFC 6962 MTH over the encoded events", () => {
    const l = mem({ epochEvents: 0 });
    for (let i = 0; i < 13; i++) l.append({ type: "qubit.alloc", tenant: "t", details: { i } });
    const leaves = l.query({ limit: 100 }).map((e) => leafHash(encodeEvent(e)));
    expect(l.treeHead()).toEqual({ size: 13, root: toHex(rootFromLeafHashes(leaves)) });
    expect(l.rootAt(5)).toBe(toHex(rootFromLeafHashes(leaves.slice(0, 5))));
    expect(l.leafHash(7)).toBe(toHex(leaves[7]));
  });

  it("proof requests outside the tree fail with INVALID_PARAMS", () => {
    const l = mem();
    l.append({ type: "cap.use" });
    expect(() => l.inclusionProof(1, 1)).toThrow(QmkError);
    expect(() => l.inclusionProof(0, 2)).toThrow(/tree size/);
    expect(() => l.consistencyProof(2, 1)).toThrow(QmkError);
  });
});

describe("queries", () => {
  it("filters by type, tenant, session, severity, decision, time range; pages with after/limit", () => {
    const clock = manualClock(1000);
    const l = mem({ clock: clock.now, epochEvents: 0 });
    l.append({ type: "cap.use", tenant: "alice", session: "s1", decision: "allow" }); // t=1000
    clock.advance(10);
    l.append({ type: "cap.deny", tenant: "bob", decision: "deny", reason: "INSUFFICIENT_CAPS" }); // 1010
    clock.advance(10);
    l.append({ type: "firewall.violation", tenant: "alice", session: "s2" }); // 1020
    clock.advance(10);
    l.append({ type: "job.fail", tenant: "alice", severity: "critical" }); // 1030
    const idx = (q: Parameters<AuditLog["query"]>[0]) => l.query(q).map((e) => e.index);
    expect(idx({ tenant: "alice" })).toEqual([0, 2, 3]);
    expect(idx({ type: "cap.deny" })).toEqual([1]);
    expect(idx({ type: ["cap.deny", "cap.use"] })).toEqual([0, 1]);
    expect(idx({ session: "s2" })).toEqual([2]);
    expect(idx({ severity: "critical" })).toEqual([2, 3]);
    expect(idx({ minSeverity: "warning" })).toEqual([1, 2, 3]);
    expect(idx({ decision: "deny" })).toEqual([1]);
    expect(idx({ since: 1010, until: 1030 })).toEqual([1, 2]);
    expect(idx({ tenant: "alice", limit: 2 })).toEqual([0, 2]);
    expect(idx({ tenant: "alice", after: 2 })).toEqual([3]);
    expect(() => l.query({ type: "bogus" as never })).toThrow(QmkError);
    expect(() => l.query({ minSeverity: "loud" as never })).toThrow(QmkError);
    expect(() => l.query({ limit: -1 })).toThrow(QmkError);
  });
});

describe("signed tree heads", () => {
  it("signs size, root, strictly increasing timestamp and per-tenant counts", () => {
    const clock = manualClock(5000);
    const l = mem({ clock: clock.now, epochEvents: 0 });
    l.append({ type: "cap.use", tenant: "alice" });
    l.append({ type: "cap.use", tenant: "alice" });
    l.append({ type: "cap.use", tenant: "bob" });
    l.append({ type: "policy.change" });
    const h1 = l.signTreeHead();
    expect(h1).toMatchObject({ size: 4, root: l.treeHead().root, timestamp: 5000, tenantCounts: { alice: 2, bob: 1, "": 1 } });
    expect(verifyTreeHeadSignature(KEY, h1)).toBe(true);
    const h2 = l.signTreeHead(); // clock frozen: still strictly increasing
    expect(h2.timestamp).toBe(5001);
    clock.set(10); // clock steps back
    expect(l.signTreeHead().timestamp).toBe(5002);
    expect(verifyTreeHeadSignature(KEY, { ...h1, size: 5 })).toBe(false);
    expect(verifyTreeHeadSignature(KEY, { ...h1, tenantCounts: { alice: 1, bob: 1, "": 1 } })).toBe(false);
    expect(verifyTreeHeadSignature(new Uint8Array(32), h1)).toBe(false);
    expect(verifyTreeHeadSignature(KEY, { ...h1, signature: "00" })).toBe(false);
  });

  it("epochs by event count add a head and an audit.epoch summary leaf", () => {
    const l = mem({ epochEvents: 5 });
    for (let i = 0; i < 12; i++) l.append({ type: "cap.use", tenant: "t" });
    const heads = l.signedHeads();
    expect(heads.map((h) => h.size)).toEqual([5, 11]); // 5 events; then 5 more + the first epoch leaf
    const epochs = l.query({ type: "audit.epoch" });
    expect(epochs.map((e) => e.details.tree_size)).toEqual([5, 11]);
    expect(epochs[0].details.root).toBe(heads[0].root);
    expect(l.size).toBe(14);
  });

  it("epochs by time (epochMs) with an injected clock", () => {
    const clock = manualClock(0);
    const l = mem({ epochEvents: 0, epochMs: 1000, clock: clock.now });
    l.append({ type: "cap.use" });
    l.signTreeHead();
    clock.advance(500);
    l.append({ type: "cap.use" });
    expect(l.signedHeads().length).toBe(1);
    clock.advance(600);
    l.append({ type: "cap.use" });
    expect(l.signedHeads().map((h) => h.size)).toEqual([1, 3]);
  });

  it("rejects a short signing key", () => {
    expect(() => AuditLog.open({ dir: null, signingKey: new Uint8Array(8) })).toThrow(/signingKey/);
  });
});

describe("persistence", () => {
  it("durable() writes everything with one group commit; reopen verifies and continues", async () => {
    const dir = tmpDir("persist");
    const clock = manualClock(100);
    let l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0, clock: clock.now });
    const ps: Promise<void>[] = [];
    for (let i = 0; i < 500; i++) {
      l.append({ type: "cap.use", tenant: `t${i % 4}`, details: { i } });
      if (i % 50 === 0) ps.push(l.durable());
    }
    await Promise.all(ps);
    await l.durable();
    expect(fs.statSync(path.join(dir, "events.log")).size).toBeGreaterThan(500 * 100);
    const head = l.signTreeHead();
    await l.close();
    clock.set(50); // earlier than the recovered head: timestamps must still increase
    l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0, clock: clock.now });
    expect(l.treeHead()).toEqual({ size: 500, root: head.root });
    expect(l.lastSignedHead()).toEqual(head);
    expect(l.tenantCounts()).toEqual({ t0: 125, t1: 125, t2: 125, t3: 125 });
    l.append({ type: "job.complete", tenant: "t1" });
    expect(l.signTreeHead().timestamp).toBe(head.timestamp + 1);
    verifyInclusionJson(l.inclusionProof(123));
    expect(l.query({ tenant: "t1" }).length).toBe(126);
    expect(l.event(500).type).toBe("job.complete");
    await l.close();
    const rep = verifyLogDir(dir, { signingKey: KEY });
    expect(rep).toMatchObject({ ok: true, size: 501, heads: 2, headsVerified: 2, signaturesChecked: true, tornTail: false });
  });

  it("file-mode and memory-mode logs give identical roots and proofs", async () => {
    const dir = tmpDir("same");
    const clock = manualClock(7);
    const a = AuditLog.open({ dir, signingKey: KEY, clock: clock.now, epochEvents: 0 });
    const b = mem({ clock: clock.now, epochEvents: 0 });
    for (let i = 0; i < 5000; i++) for (const l of [a, b]) l.append({ type: "op.allow", tenant: "x", details: { i } });
    expect(a.treeHead()).toEqual(b.treeHead());
    for (const [i, n] of [[0, 5000], [4999, 5000], [1234, 4097], [17, 18]]) expect(a.inclusionProof(i, n)).toEqual(b.inclusionProof(i, n));
    expect(a.consistencyProof(1000, 4999)).toEqual(b.consistencyProof(1000, 4999));
    await a.close();
  });

  it("opening with the wrong key fails (heads do not verify)", async () => {
    const dir = tmpDir("key");
    const l = AuditLog.open({ dir, signingKey: KEY });
    l.append({ type: "cap.use" });
    await l.close();
    expect(() => AuditLog.open({ dir, signingKey: new Uint8Array(32).fill(9) })).toThrow(/bad signature/);
  });

  it("key rotation: old heads verify under previousKeys, new heads use the new key", async () => {
    const dir = tmpDir("rotate");
    const k2 = new Uint8Array(32).fill(42);
    let l = AuditLog.open({ dir, signingKey: KEY });
    l.append({ type: "cap.use" });
    await l.close();
    l = AuditLog.open({ dir, signingKey: k2, previousKeys: [KEY] });
    l.append({ type: "key.rotate", details: { purpose: "audit-sth" } });
    await l.close();
    expect(() => AuditLog.open({ dir, signingKey: k2 })).toThrow(/bad signature/);
    expect(verifyLogDir(dir, { signingKey: k2 })).toMatchObject({ ok: false, badHead: 0 });
    expect(verifyLogDir(dir, { signingKey: [KEY, k2] })).toMatchObject({ ok: true, heads: 2, headsVerified: 2 });
  });

  it("a torn final record is cut off on open; acknowledged events stay", async () => {
    const dir = tmpDir("torn");
    let l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    for (let i = 0; i < 20; i++) l.append({ type: "cap.use", details: { i } });
    await l.durable();
    const root = l.treeHead().root;
    await l.close();
    // Unsigned tail: remove the closing head so the torn record is the only damage.
    fs.writeFileSync(path.join(dir, "heads.log"), "");
    const f = path.join(dir, "events.log");
    const full = fs.readFileSync(f);
    fs.appendFileSync(f, Buffer.from([0x40, 0, 0, 0, 1, 2, 3, 4, 0x7b, 0x22])); // header says 64 bytes, 2 present
    expect(verifyLogDir(dir, { signingKey: KEY })).toMatchObject({ ok: true, size: 20, tornTail: true });
    l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    expect(l.treeHead()).toEqual({ size: 20, root });
    expect(fs.readFileSync(f).equals(full)).toBe(true);
    l.append({ type: "cap.use" });
    await l.close();
    expect(verifyLogDir(dir, { signingKey: KEY })).toMatchObject({ ok: true, size: 21, tornTail: false });
  });

  it("damage in the middle is never silently truncated: open throws naming the entry", async () => {
    const dir = tmpDir("mid");
    const l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    for (let i = 0; i < 10; i++) l.append({ type: "cap.use", details: { i } });
    await l.close();
    const f = path.join(dir, "events.log");
    const b = fs.readFileSync(f);
    b[b.length >> 1] ^= 0xff;
    fs.writeFileSync(f, b);
    expect(() => AuditLog.open({ dir, signingKey: KEY })).toThrow(/entry \d+/);
  });

  it("one writer per directory: a live other process's lock refuses, a dead one's is taken over", async () => {
    const dir = tmpDir("lock");
    fs.writeFileSync(path.join(dir, "writer.pid"), String(process.ppid)); // alive
    expect(() => AuditLog.open({ dir, signingKey: KEY })).toThrow(/open in process/);
    const { spawnSync } = await import("node:child_process");
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    fs.writeFileSync(path.join(dir, "writer.pid"), dead);
    const l = AuditLog.open({ dir, signingKey: KEY });
    expect(fs.readFileSync(path.join(dir, "writer.pid"), "utf8")).toBe(String(process.pid));
    await l.close();
    expect(fs.existsSync(path.join(dir, "writer.pid"))).toBe(false);
  });

  it("closed logs refuse appends", async () => {
    const l = AuditLog.open({ dir: null, signingKey: KEY });
    await l.close();
    expect(() => l.append({ type: "cap.use" })).toThrow(/closed/);
  });
});

describe("job attestation", () => {
  const akey = new Uint8Array(32).fill(3);
  const body = {
    job_id: "job-1",
    tenant: "alice",
    graph_hash: graphHash({ program: { nodes: [{ id: "a", op: "ALLOC_LQ" }] }, version: "0.1" }),
    started_at: 1000,
    ended_at: 1500,
    status: "completed" as const,
    resources: { logical_qubits: 2, physical_qubits: 194, shots: 100 },
    outcomes: { counts: { "00": 51, "11": 49 } },
    audit: { tree_size: 42, root: "ab".repeat(32) },
  };

  it("graph hash ignores key order", () => {
    expect(graphHash({ a: 1, b: [1, 2] })).toBe(graphHash({ b: [1, 2], a: 1 }));
    expect(graphHash({ a: 1 })).not.toBe(graphHash({ a: 2 }));
  });

  it("binds the job to the audit tree: the attested root is provably a prefix of the later log", () => {
    const log = AuditLog.open({ dir: null, signingKey: KEY, epochEvents: 0 });
    log.append({ type: "job.start", tenant: "alice" });
    log.append({ type: "job.complete", tenant: "alice" });
    const th = log.treeHead();
    const att = signAttestation(akey, { ...body, audit: { tree_size: th.size, root: th.root } });
    for (let i = 0; i < 10; i++) log.append({ type: "cap.use" });
    const proof = log.consistencyProof(att.audit.tree_size);
    expect(Buffer.from(proof.root1, "base64").toString("hex")).toBe(att.audit.root);
    verifyConsistencyJson(proof);
  });

  it("signs and verifies; any change or another key fails", () => {
    const att = signAttestation(akey, body);
    expect(verifyAttestation(akey, att)).toBe(true);
    expect(verifyAttestation(akey, JSON.parse(JSON.stringify(att)))).toBe(true);
    expect(verifyAttestation(new Uint8Array(32).fill(4), att)).toBe(false);
    expect(verifyAttestation(akey, { ...att, tenant: "bob" })).toBe(false);
    expect(verifyAttestation(akey, { ...att, outcomes: { counts: { "00": 52, "11": 48 } } })).toBe(false);
    expect(verifyAttestation(akey, { ...att, audit: { ...att.audit, tree_size: 43 } })).toBe(false);
    expect(verifyAttestation(akey, { ...att, signature: att.signature.replace(/^./, (c) => (c === "0" ? "1" : "0")) })).toBe(false);
    expect(() => signAttestation(akey, { ...body, ended_at: 10 })).toThrow(QmkError);
  });
});
