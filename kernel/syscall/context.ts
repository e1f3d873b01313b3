// Types shared by the dispatcher, the mediator and the method handlers.
import type { Right } from "../security/rights.js";
import type { TokenAuthority } from "../security/tokens.js";
import type { RandomSource } from "../security/entropy.js";
import type { Params } from "./params.js";
import type { KernelCore } from "./core.js";

export interface SessionRecord {
  id: string;
  /** the signed session handle given to the client */
  handle: string;
  tenant: string;
  authority: TokenAuthority;
  /** rights granted at negotiation: token rights ∩ requested */
  rights: ReadonlySet<Right>;
  openedAt: number;
  /** the session handle's expiry; the sweep closes it (and frees its qubits) after this */
  expiresAt: number;
  /** the session's own measurement randomness (no other session's draws move it) */
  random: RandomSource;
}

/** Everything a handler knows about the call it serves, after mediation. */
export interface CallContext {
  method: string;
  session: SessionRecord;
  tenant: string;
  now: number;
  /** audit fields the handler wants on the allow event */
  audit: { type?: string; details: Record<string, unknown> };
}

export type Handler = (k: KernelCore, ctx: CallContext, p: Params) => unknown;
export type PublicHandler = (k: KernelCore, p: Params) => unknown;

export interface MethodSpec {
  name: string;
  /** rights always required (more may be derived from params, see `derive`) */
  rights: readonly Right[];
  /** rights that depend on the params (q_apply's opcode, q_submit's graph) */
  derive?: (k: KernelCore, p: Params) => readonly Right[];
  /** opcode used for policy matching, when the method runs one */
  opcode?: (p: Params) => string | undefined;
  /** audit event type for an allowed call (default "op.allow") */
  event?: string;
  /** true when the handler returns a promise (q_wait): not available through callSync */
  async?: boolean;
  handler?: Handler;
  /**
   * limits stage: a cheap size check before any expensive work (e.g. a graph's
   * node count and text length against the tenant's quota); throws to refuse
   */
  size?: (k: KernelCore, tenant: string, p: Params) => void;
  /** q_negotiate_caps: mediated with the presented token in place of a session */
  opensSession?: boolean;
  /** rights stage of q_negotiate_caps: what the token grants of what was requested */
  grant?: (auth: TokenAuthority, p: Params) => { granted: Right[]; denied: Right[] };
  /** methods callable without a session and without effect (q_inspect_token) */
  publicHandler?: PublicHandler;
}
