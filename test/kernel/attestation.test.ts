// Job attestation, checked as a third party would: the Ed25519 signature
// (with a public verifier key, no secret), the graph hash, the outcomes, and
// the audit tree it names — proven consistent with a later tree head.
import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createKernel } from "../../kernel/index.js";
import { KeyRing } from "../../kernel/security/keys.js";
import { AuditSigner, graphHash, verifyAttestation, verifyConsistencyJson, type SignedAttestation } from "../../kernel/security/audit/index.js";

describe("q_attestation", () => {
  it("is signed, names the graph and outcomes, and binds to the audit log", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-att-"));
    const k = await createKernel({ dataDir: dir, fsync: false });
    try {
      const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      const graph = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/conformance/qvm/ghz_state.qvm.json"), "utf8"));
      const { job_id } = await k.call("q_submit", { session_id: admin, graph, policy: { shots: 500, seed: 3 } });
      const st = await k.call("q_wait", { session_id: admin, job_id, timeout_ms: 30_000 });
      const att = (await k.call("q_attestation", { session_id: admin, job_id })) as SignedAttestation;

      // Signed with the audit log's own Ed25519 key: the one published in DIR/audit/audit.pub, nothing else.
      const key = fs.readFileSync(path.join(dir, "audit", "audit.pub"), "utf8").trim().split("\n");
      // the old purpose key ("attestation") no longer verifies it
      expect(verifyAttestation(new AuditSigner(KeyRing.loadOrCreate(dir).derive("attestation")).vkey, att)).toBe(false);
      expect(att.v).toBe(2);
      expect(key).toContain(att.key);
      expect(verifyAttestation(key, att)).toBe(true);
      expect(att.graph_hash).toBe(graphHash(graph));
      expect(att.status).toBe("completed");
      expect(att.outcomes.counts).toEqual(st.counts);
      expect(att.resources.shots).toBe(500);

      // the tree it names is a prefix of the log as it stands later
      await k.call("q_audit_tree_head", { session_id: admin });
      const proof = await k.call("q_audit_consistency", { session_id: admin, first: att.audit.tree_size });
      expect(Buffer.from(proof.root1, "base64").toString("hex")).toBe(att.audit.root);
      expect(() => verifyConsistencyJson(proof)).not.toThrow();

      // any change breaks the signature; another key does not verify it
      expect(verifyAttestation(key, { ...att, outcomes: { counts: { "0000": 500 } } })).toBe(false);
      expect(verifyAttestation(key, { ...att, tenant: "mallory" })).toBe(false);
      expect(verifyAttestation(new AuditSigner(KeyRing.fromSecret(new Uint8Array(32).fill(7)).derive("attestation")).vkey, att)).toBe(false);
    } finally {
      await k.close();
    }
  });
});
