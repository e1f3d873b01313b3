// One-use consents: a tenant lends one of its qubits to a channel for exactly
// one operation. Loans live in memory only: they name live qubits, which do
// not survive a kernel restart either.
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

  create(channelId: string, tenant: string, qubit: number): Loan {
    const loan: Loan = { id: "loan_" + randomBytes(16).toString("hex"), channelId, tenant, qubit, used: false };
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
    this.loans.delete(id);
    return loan;
  }

  /** Drop every loan of a channel (revoked) or of a qubit (freed). */
  dropWhere(pred: (l: Loan) => boolean): void {
    for (const [id, l] of this.loans) if (pred(l)) this.loans.delete(id);
  }
}
