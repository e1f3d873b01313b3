// AuditLog behaviour: events, encoding, secret guard, queries, signed heads,
// persistence, group commit, attestation.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QmkError } from "../../kernel/errors.js";
import {
  AuditLog, EVENT_TYPES, SEVERITIES, canonicalJson, decodeEvent, encodeEvent, graphHash, leafHash, rootFromLeafHashes,
  sanitizeDetails, signAttestation, toHex, verifyAttestation, verifyConsistencyJson, verifyInclusionJson, verifyLogDir, verifyCheckpoint, parseVerifierKey, AuditSigner,
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

describe("checkpoints (signed tree heads)", () => {
  it("a checkpoint signs size and root; time and per-tenant counts come with it, derived from the signed leaves", async () => {
    const clock = manualClock(5000);
    const l = mem({ clock: clock.now, epochEvents: 0 });
    expect(l.checkpoints()).toHaveLength(1); // a new log signs its empty tree at once
    l.append({ type: "cap.use", tenant: "alice" });
    l.append({ type: "cap.use", tenant: "alice" });
    clock.advance(3);
    l.append({ type: "cap.use", tenant: "bob" });
    l.append({ type: "policy.change" });
    const h1 = l.signTreeHead();
    expect(h1).toMatchObject({ v: 2, size: 4, root: l.treeHead().root, timestamp: 5003, tenantCounts: { alice: 2, bob: 1, "": 1 }, key: l.verifierKey });
    const cp = verifyCheckpoint(h1.checkpoint, [parseVerifierKey(l.verifierKey)]);
    expect({ origin: cp.origin, size: cp.size, root: Buffer.from(cp.root).toString("hex") }).toEqual({ origin: l.origin, size: 4, root: h1.root });
    expect(h1.checkpoint.startsWith(`${l.origin}\n4\n${Buffer.from(h1.root, "hex").toString("base64")}\n\n\u2014 ${l.origin} `)).toBe(true);
    expect(l.signTreeHead()).toEqual(h1); // nothing new: the same checkpoint, not another signature
    const other = new AuditSigner(new Uint8Array(32).fill(3), l.origin);
    expect(() => verifyCheckpoint(h1.checkpoint, [other.verifier])).toThrow();
    expect(() => verifyCheckpoint(h1.checkpoint.replace("\n4\n", "\n5\n"), [parseVerifierKey(l.verifierKey)])).toThrow(/does not verify/);
    await l.durable();
    expect(l.durableTreeSize).toBe(4);
  });

  it("one checkpoint per group commit: every acknowledged event is covered when durable() resolves", async () => {
    const l = mem({ epochEvents: 0 });
    for (let batch = 1; batch <= 5; batch++) {
      for (let i = 0; i < batch; i++) l.append({ type: "cap.use" });
      await l.durable();
      expect(l.durableTreeSize).toBe(l.size);
    }
    expect(l.checkpoints()).toHaveLength(6); // the empty tree + one per batch
  });

  it("epochs by event count add an audit.epoch summary leaf (time, per-tenant counts)", () => {
    const l = mem({ epochEvents: 5 });
    for (let i = 0; i < 12; i++) l.append({ type: "cap.use", tenant: "t" });
    const epochs = l.query({ type: "audit.epoch" });
    expect(epochs.map((e) => e.details.tree_size)).toEqual([5, 11]); // 5 events; then 5 more + the first epoch leaf
    expect(epochs[0].details.root).toBe(l.rootAt(5));
    expect(epochs[1].details.tenant_counts).toEqual([["", 1], ["t", 10]]);
    expect(l.size).toBe(14);
  });

  it("epochs by time (epochMs) with an injected clock", () => {
    const clock = manualClock(0);
    const l = mem({ epochEvents: 0, epochMs: 1000, clock: clock.now });
    l.append({ type: "cap.use" });
    clock.advance(500);
    l.append({ type: "cap.use" });
    expect(l.query({ type: "audit.epoch" })).toHaveLength(0);
    clock.advance(600);
    l.append({ type: "cap.use" });
    expect(l.query({ type: "audit.epoch" }).map((e) => e.details.tree_size)).toEqual([3]);
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
    expect(l.checkpoints().length).toBeLessThanOrEqual(1 + ps.length + 1); // one per group commit, not per event
    await l.close();
    expect(fs.readFileSync(path.join(dir, "audit.pub"), "utf8")).toBe(l.verifierKey + "\n");
    l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0, clock: clock.now });
    expect(l.treeHead()).toEqual({ size: 500, root: head.root });
    expect(l.lastSignedHead()).toEqual(head);
    expect(l.origin).toBe(head.checkpoint.split("\n")[0]);
    expect(l.tenantCounts()).toEqual({ t0: 125, t1: 125, t2: 125, t3: 125 });
    l.append({ type: "job.complete", tenant: "t1" });
    expect(l.signTreeHead().size).toBe(501);
    verifyInclusionJson(l.inclusionProof(123));
    expect(l.query({ tenant: "t1" }).length).toBe(126);
    expect(l.event(500).type).toBe("job.complete");
    await l.close();
    const rep = verifyLogDir(dir);
    expect(rep).toMatchObject({ ok: true, size: 501, uncovered: 0, keySource: "audit.pub", tornTail: false });
    expect(rep.checkpointsVerified).toBe(rep.checkpoints);
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

  it("opening with the wrong key fails (checkpoints do not verify)", async () => {
    const dir = tmpDir("key");
    const l = AuditLog.open({ dir, signingKey: KEY });
    l.append({ type: "cap.use" });
    await l.close();
    expect(() => AuditLog.open({ dir, signingKey: new Uint8Array(32).fill(9) })).toThrow(/not signed by any known key/);
  });

  it("key rotation: old checkpoints verify under previousKeys, new ones use the new key; audit.pub lists both", async () => {
    const dir = tmpDir("rotate");
    const k2 = new Uint8Array(32).fill(42);
    let l = AuditLog.open({ dir, signingKey: KEY });
    l.append({ type: "cap.use" });
    await l.close();
    l = AuditLog.open({ dir, signingKey: k2, previousKeys: [KEY] });
    l.append({ type: "key.rotate", details: { purpose: "audit-sth" } });
    await l.close();
    // On open the kernel checks the newest checkpoint's signature (it signs the root over everything);
    // the third-party verifier checks every one, so it needs the old key too.
    await AuditLog.open({ dir, signingKey: k2 }).close(); // and audit.pub keeps the old key
    expect(() => AuditLog.open({ dir, signingKey: new Uint8Array(32).fill(43), previousKeys: [KEY] })).toThrow(/newest checkpoint.*not signed by any known key/);
    const keys = fs.readFileSync(path.join(dir, "audit.pub"), "utf8").trim().split("\n");
    expect(keys).toHaveLength(2);
    expect(verifyLogDir(dir, { keys: keys[0] })).toMatchObject({ ok: false, badCheckpoint: 0 });
    expect(verifyLogDir(dir)).toMatchObject({ ok: true, uncovered: 0 });
    expect(verifyLogDir(dir, { keys })).toMatchObject({ ok: true });
  });

  it("a torn final record and events no checkpoint covers are cut off on open (never acknowledged), and the cut is logged", async () => {
    const dir = tmpDir("torn");
    let l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    for (let i = 0; i < 20; i++) l.append({ type: "cap.use", details: { i } });
    await l.durable();
    const root = l.treeHead().root;
    await l.close();
    const f = path.join(dir, "events.log");
    const full = fs.readFileSync(f);
    // A crash mid-commit: one complete event record without its checkpoint, then a torn record.
    const { frame, scanRecords } = await import("../../kernel/security/audit/store.js");
    const last = scanRecords(full).records.filter((r) => r[0] === 0x7b).pop()!;
    const extra = encodeEvent({ ...decodeEvent(Buffer.from(last)), index: 20 });
    fs.appendFileSync(f, frame(extra));
    fs.appendFileSync(f, Buffer.from([0x40, 0, 0, 0, 1, 2, 3, 4, 0x7b, 0x22])); // header says 64 bytes, 2 present
    expect(verifyLogDir(dir)).toMatchObject({ ok: false, size: 21, uncovered: 1, tornTail: true });
    l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    expect(l.rootAt(20)).toBe(root);
    expect(l.event(20)).toMatchObject({ type: "audit.recover", details: { dropped_events: 1 } });
    await l.close();
    expect(fs.readFileSync(f).subarray(0, full.length).equals(full)).toBe(true);
    expect(verifyLogDir(dir)).toMatchObject({ ok: true, size: 21, uncovered: 0, tornTail: false });
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
    const att = log.signAttestation({ ...body, audit: { tree_size: th.size, root: th.root } });
    expect(verifyAttestation(log.verifierKey, att)).toBe(true);
    for (let i = 0; i < 10; i++) log.append({ type: "cap.use" });
    const proof = log.consistencyProof(att.audit.tree_size);
    expect(Buffer.from(proof.root1, "base64").toString("hex")).toBe(att.audit.root);
    verifyConsistencyJson(proof);
  });

  it("signs (Ed25519) and verifies with the public key; any change or another key fails", () => {
    const signer = new AuditSigner(akey);
    const vk = signer.vkey;
    const att = signAttestation(signer, body);
    expect(att).toMatchObject({ v: 2, key: vk });
    expect(verifyAttestation(vk, att)).toBe(true);
    expect(verifyAttestation([new AuditSigner(new Uint8Array(32).fill(4)).vkey, vk], JSON.parse(JSON.stringify(att)))).toBe(true);
    expect(signAttestation(akey, body)).toEqual(att); // a raw key derives the same signer
    expect(verifyAttestation(new AuditSigner(new Uint8Array(32).fill(4)).vkey, att)).toBe(false);
    // the record's own key field is never trusted
    const forger = new AuditSigner(new Uint8Array(32).fill(5));
    expect(verifyAttestation(vk, signAttestation(forger, body))).toBe(false);
    expect(verifyAttestation(vk, { ...att, tenant: "bob" })).toBe(false);
    expect(verifyAttestation(vk, { ...att, outcomes: { counts: { "00": 52, "11": 48 } } })).toBe(false);
    expect(verifyAttestation(vk, { ...att, audit: { ...att.audit, tree_size: 43 } })).toBe(false);
    expect(verifyAttestation(vk, { ...att, signature: att.signature.replace(/^./, (c) => (c === "A" ? "B" : "A")) })).toBe(false);
    expect(verifyAttestation(vk, { ...att, signature: "!!" })).toBe(false);
    expect(verifyAttestation("not a key", att)).toBe(false);
    expect(() => signAttestation(akey, { ...body, ended_at: 10 })).toThrow(QmkError);
  });
});
