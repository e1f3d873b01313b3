import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { Journal } from "../../kernel/persist/journal.js";
import { ChannelManager, type ChannelEvent, type ChannelManagerOptions } from "../../kernel/security/channels/index.js";

const ROOT = utf8ToBytes("test-root-secret-for-channel-keys");

/** Per-tenant keys derived like the kernel does (HKDF-SHA256 from one root). */
export function keyFor(tenant: string): Uint8Array {
  return hkdf(sha256, ROOT, undefined, utf8ToBytes("qmk/channel-sign/" + tenant), 32);
}

export function memoryChannels(opts: Partial<ChannelManagerOptions> = {}): ChannelManager {
  return new ChannelManager({ journal: Journal.memory<ChannelEvent>(), keyFor, ...opts });
}

/** A controllable clock. */
export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** An approved channel from → to. */
export function openChannel(m: ChannelManager, from: string, to: string, maxUses = 10, expiresAt?: number): string {
  return m.approve(to, m.request(from, to, { maxUses, expiresAt }));
}
