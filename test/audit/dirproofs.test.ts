// Proofs produced from a directory (what `qmk audit proof` prints) and
// time-based epochs with the real clock.
import { describe, expect, it } from "vitest";
import {
  AuditLog, consistencyProofFromDir, inclusionProofFromDir, verifyConsistencyJson, verifyInclusionJson, verifyLogDir,
} from "../../kernel/security/audit/index.js";
import { KEY, tmpDir } from "./helpers.js";

describe("proofs from a log directory", () => {
  it("match the live log's proofs and verify; bad requests are refused", async () => {
    const dir = tmpDir("dirproof");
    const log = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0 });
    for (let i = 0; i < 333; i++) log.append({ type: "job.submit", tenant: `t${i % 5}`, details: { i } });
    await log.durable();
    const inc = inclusionProofFromDir(dir, 200, 300);
    expect(inc).toEqual(log.inclusionProof(200, 300));
    verifyInclusionJson(inc);
    const con = consistencyProofFromDir(dir, 100);
    expect(con).toEqual(log.consistencyProof(100, 333));
    verifyConsistencyJson(con);
    // JSON round trip (what the CLI prints) still verifies
    verifyInclusionJson(JSON.parse(JSON.stringify(inc)));
    expect(() => inclusionProofFromDir(dir, 400)).toThrow(/leaf index/);
    expect(() => inclusionProofFromDir(dir, 1, 334)).toThrow(/tree size/);
    expect(() => consistencyProofFromDir(dir, 0, 10)).toThrow(/0 < first/);
    await log.close();
  });
});

describe("time-based epochs", () => {
  it("an epoch summary leaf is added (and signed) after epochMs even when no further event arrives", async () => {
    const dir = tmpDir("timer");
    const log = AuditLog.open({ dir, signingKey: KEY, epochEvents: 0, epochMs: 40 });
    log.append({ type: "cap.use", tenant: "a" });
    log.append({ type: "cap.use", tenant: "b" });
    expect(log.query({ type: "audit.epoch" })).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 150));
    const epochs = log.query({ type: "audit.epoch" });
    expect(epochs.length).toBe(1);
    expect(epochs[0].details).toMatchObject({ tree_size: 2, tenant_counts: [["a", 1], ["b", 1]] });
    expect(log.durableTreeSize).toBe(3); // the epoch leaf went out with its own checkpoint
    // idle afterwards: no epoch storm, no checkpoint storm
    const n = log.checkpoints().length;
    await new Promise((r) => setTimeout(r, 150));
    expect(log.checkpoints().length).toBe(n);
    expect(log.query({ type: "audit.epoch" })).toHaveLength(1);
    await log.close();
    expect(verifyLogDir(dir).ok).toBe(true);
  });
});
