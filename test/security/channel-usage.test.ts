// A tenant's channel usage has one owner, the channel manager: telemetry and
// the operator's tenant list show the channels a tenant holds while they are
// active, and nothing once they are revoked (issue 16: the registry's
// `channels` figure used to stay 0 while a channel was open).
import { describe, expect, it } from "vitest";
import { createKernel } from "../../kernel/index.js";

describe("channel usage", () => {
  it("telemetry and q_list_tenants count active channels; a revoke gives them back", async () => {
    const k = await createKernel({ inMemory: true });
    try {
      const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      const sid: Record<string, string> = {};
      for (const name of ["alice", "bob"]) {
        const { token } = await k.call("q_create_tenant", { session_id: admin, name, rights: ["CAP_ALLOC", "CAP_LINK"] });
        sid[name] = (await k.call("q_negotiate_caps", { token })).session_id;
      }
      const usage = async (t: string) => ((await k.call("q_get_telemetry", { session_id: sid[t] })).usage as { channels: number }).channels;
      expect(await usage("alice")).toBe(0);
      const req = await k.call("q_request_channel", { session_id: sid.alice, peer: "bob", max_uses: 4 });
      await k.call("q_approve_channel", { session_id: sid.bob, request_id: req.request_id });
      expect(await usage("alice")).toBe(1);
      const listed = (await k.call("q_list_tenants", { session_id: admin })).tenants.find((t) => t.tenant_id === "alice")!;
      expect(listed.usage.channels).toBe(1);
      await k.call("q_revoke_channel", { session_id: sid.alice, channel: req.channel });
      expect(await usage("alice")).toBe(0);
    } finally {
      await k.close();
    }
  });
});
