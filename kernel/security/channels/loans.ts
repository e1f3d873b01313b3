// One-use consents: a tenant lends one of its qubits to a channel for exactly
// one operation. Loans live in memory only: they name live qubits, which do
// not survive a kernel restart either.
//
// Bounded: at most one outstanding loan per (qubit, channel) — lending again
// replaces the earlier loan — so the book never holds more loans than live
// qubits times channels, whatever a tenant sends. A loan also ends when its
// qubit is measured, reset or freed (the state consented to is gone).
import { randomBytes } from "node:crypto";
import { QmkError } from "../../errors.js";

export interface Loan {
  readonly id: string;
  readonly channelId: string;
  /** the lender, who owns the qubit */
  readonly tenant: string;
  readonly qubit: number;
  used: boolean;
}

export class LoanBook {
  private readonly loans = new Map<string, Loan>();
  /** qubit → its outstanding loans (at most one per channel) */
  private readonly byQubit = new Map<number, Map<string, Loan>>();

  get size(): number {
    return this.loans.size;
  }

  create(channelId: string, tenant: string, qubit: number): Loan {
    const loan: Loan = { id: "loan_" + randomBytes(16).toString("hex"), channelId, tenant, qubit, used: false };
    let mine = this.byQubit.get(qubit);
    if (!mine) this.byQubit.set(qubit, (mine = new Map()));
    const earlier = mine.get(channelId);
    if (earlier) this.loans.delete(earlier.id);
    mine.set(channelId, loan);
    this.loans.set(loan.id, loan);
    return loan;
  }

  get(id: string): Loan | undefined {
    return this.loans.get(id);
  }

  /** Spend the loan. It is forgotten at once (no tombstones to grow without bound), so reuse fails as unknown. */
  redeem(id: string): Loan {
    const loan = this.loans.get(id);
    if (!loan || loan.used) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", "unknown or already used loan", { field: "loan", rule: "loan_unknown_or_used" });
    }
    loan.used = true;
    this.forget(loan);
    return loan;
  }

  /** Every loan of a qubit ends (measured, reset or freed). */
  dropQubit(qubit: number): void {
    const mine = this.byQubit.get(qubit);
    if (!mine) return;
    for (const l of mine.values()) this.loans.delete(l.id);
    this.byQubit.delete(qubit);
  }

  /** Drop every loan that matches (a revoked channel, a deleted tenant). */
  dropWhere(pred: (l: Loan) => boolean): void {
    for (const l of [...this.loans.values()]) if (pred(l)) this.forget(l);
  }

  private forget(l: Loan): void {
    this.loans.delete(l.id);
    const mine = this.byQubit.get(l.qubit);
    if (mine?.get(l.channelId) === l) {
      mine.delete(l.channelId);
      if (mine.size === 0) this.byQubit.delete(l.qubit);
    }
  }
}
