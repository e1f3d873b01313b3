// The entanglement firewall decision (SPEC §2.9): check first (pure), then commit.
//
// Sequence for the mediator, per operation:
//   const d = firewall.check(req);   // throws, changes nothing, when refused
//   simulator.<op>(…);               // execute
//   firewall.commit(d);              // consume the channel use + loans, update the tracker
// The tenants considered are the actor plus every owner in the union of the
// operands' components, so an attacker cannot reach a victim by chaining
// through its own qubits.
import { QmkError } from "../../errors.js";
import { isEntangling, normalizeOp } from "./ops.js";
import { judgeTenants } from "./rule.js";
import type { EntanglementTracker, QubitId } from "./tracker.js";

/** What the firewall needs from the channel layer (implemented by ChannelManager). */
export interface ChannelAuthority {
  /** Throws CHANNEL_UNAUTHORIZED / CHANNEL_EXHAUSTED / CHANNEL_REVOKED_OR_EXPIRED; changes nothing. */
  authorize(channelId: string, tenantA: string, tenantB: string, now: number): void;
  /** Spends one entanglement of the channel (durably). */
  consume(channelId: string): void;
  /** A loan, for inspection only (undefined if unknown). */
  peekLoan(loanId: string): { channelId: string; tenant: string; qubit: QubitId; used: boolean } | undefined;
  /** Marks a loan used; a second redeem fails. */
  redeemLoan(loanId: string): void;
}

export interface EntangleRequest {
  op: string;
  qubits: readonly QubitId[];
  /** the tenant issuing the operation */
  actor: string;
  /** channel id (already resolved from its handle by the mediator) */
  channel?: string;
  /** loan ids: the peer's one-use consent for each operand it owns */
  loans?: readonly string[];
  now?: number;
}

export interface FirewallDecision {
  readonly op: string;
  readonly qubits: readonly QubitId[];
  readonly actor: string;
  /** sorted tenants involved (actor ∪ owners in the operands' components) */
  readonly tenants: readonly string[];
  /** the channel whose use is consumed at commit, or null for a local op */
  readonly channel: string | null;
  readonly loans: readonly string[];
  /** tracker version at check time: a stale decision is re-checked at commit */
  readonly version: number;
  readonly request: EntangleRequest;
}

export class EntanglementFirewall {
  constructor(
    readonly tracker: EntanglementTracker,
    private readonly channels?: ChannelAuthority,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Pure: either returns a decision or throws a QmkError; no state changes either way. */
  check(req: EntangleRequest): FirewallDecision {
    const op = normalizeOp(req.op);
    const qubits = [...req.qubits];
    for (const q of qubits) {
      if (!this.tracker.has(q)) throw new QmkError("INVALID_PARAMS", `qubit ${q} is not live`, { field: "qubits", qubit: q });
    }
    if (new Set(qubits).size !== qubits.length) {
      throw new QmkError("LINEARITY_VIOLATION", `${op} names the same qubit twice`, { field: "qubits", rule: "aliasing", qubits });
    }
    const base = { op, qubits, actor: req.actor, version: this.tracker.version, request: req };

    if (!isEntangling(op)) {
      // Local ops never cross tenants; a foreign operand is an ownership error.
      for (const q of qubits) {
        if (this.tracker.ownerOf(q) !== req.actor) {
          throw new QmkError("ACCESS_DENIED", `qubit ${q} belongs to another tenant`, { field: "qubits", qubit: q });
        }
      }
      if (req.loans?.length) throw new QmkError("INVALID_PARAMS", "loans are only used by entangling operations", { field: "loans" });
      return { ...base, tenants: [req.actor], channel: null, loans: [] };
    }

    const tenants = [req.actor, ...this.tracker.tenantsOf(qubits)];
    const verdict = judgeTenants(tenants, req.channel !== undefined);
    if (!verdict.ok) {
      const msg =
        verdict.rule === "three_or_more_tenants"
          ? `${op} would entangle ${verdict.tenants.length} tenants (${verdict.tenants.join(", ")}); a channel joins exactly two`
          : `${op} would entangle tenants ${verdict.tenants.join(" and ")} without a channel`;
      throw new QmkError("FIREWALL_VIOLATION", msg, { rule: verdict.rule, tenants: verdict.tenants, qubits });
    }
    if (verdict.pair === null) {
      if (req.loans?.length) throw new QmkError("INVALID_PARAMS", "loans given for a local operation", { field: "loans" });
      return { ...base, tenants: [req.actor], channel: null, loans: [] };
    }

    const channel = req.channel!;
    if (!this.channels) throw new QmkError("CHANNEL_UNAUTHORIZED", "no channel authority configured", { field: "channel" });
    const [a, b] = verdict.pair;
    try {
      this.channels.authorize(channel, a, b, req.now ?? this.clock());
    } catch (e) {
      if (e instanceof QmkError) throw new QmkError(e.codeName, e.message, { ...e.data, tenants: [a, b], qubits });
      throw e;
    }
    const loans = this.matchLoans(qubits, req, channel);
    return { ...base, tenants: [a, b], channel, loans };
  }

  /**
   * Apply an allowed decision, after the op was executed. If the tracker
   * changed since `check` (a caller bug: check/execute/commit must not
   * interleave), the decision is re-checked. Whenever commit fails — stale
   * and now refused, or the channel journal write failed — the op has
   * already run, so the union is still recorded: the tracker must never
   * under-approximate real entanglement.
   */
  commit(d: FirewallDecision): void {
    try {
      if (d.version !== this.tracker.version) d = this.check(d.request);
      if (d.channel !== null) this.channels!.consume(d.channel);
    } catch (e) {
      if (isEntangling(d.op) && d.qubits.every((q) => this.tracker.has(q))) this.tracker.entangle(d.qubits);
      throw e;
    }
    for (const l of d.loans) this.channels!.redeemLoan(l);
    this.tracker.apply(d.op, d.qubits);
  }

  /** check + commit, for callers that execute after deciding (e.g. tests, dry runs). */
  enforce(req: EntangleRequest): FirewallDecision {
    const d = this.check(req);
    this.commit(d);
    return d;
  }

  /**
   * Every operand the actor does not own needs the owner's loan on this very
   * channel for this very qubit (SPEC §2.9: the peer's explicit consent).
   */
  private matchLoans(qubits: readonly QubitId[], req: EntangleRequest, channel: string): string[] {
    const given = [...new Set(req.loans ?? [])];
    const used: string[] = [];
    for (const q of qubits) {
      const owner = this.tracker.ownerOf(q);
      if (owner === req.actor) continue;
      const loanId = given.find((id) => this.channels!.peekLoan(id)?.qubit === q);
      if (loanId === undefined) {
        throw new QmkError("FIREWALL_VIOLATION", `qubit ${q} of ${owner} was not lent for this operation`, {
          rule: "peer_consent_required",
          field: "loans",
          tenants: [req.actor, owner].sort(),
          qubits: [...qubits],
        });
      }
      const loan = this.channels!.peekLoan(loanId)!;
      if (loan.used) throw new QmkError("CHANNEL_UNAUTHORIZED", "loan already used", { field: "loans", rule: "loan_used" });
      if (loan.channelId !== channel || loan.tenant !== owner) {
        throw new QmkError("CHANNEL_UNAUTHORIZED", "loan does not belong to this channel and owner", { field: "loans", rule: "loan_mismatch" });
      }
      used.push(loanId);
    }
    if (used.length !== given.length) throw new QmkError("INVALID_PARAMS", "a loan matches no operand", { field: "loans" });
    return used;
  }
}
