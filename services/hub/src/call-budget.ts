import { BadUserInputError, IDENTITY_TOKEN_TTL_S } from '@onewindow/runtime';

/** The department calls one client request may still make. */
export interface CallBudget {
  left: number;
  readonly limit: number;
}

/**
 * Budgets of department calls, one per client request. A gateway plans one client request into
 * several hub requests (each level of `Applicant.cases`, each batch of entities), all carrying the
 * identity token it signed for that client request and the client request's ID (x-request-id,
 * which Hive Gateway sends with every subgraph call): the two together key the budget, so a
 * nested query shares one budget however the gateway splits it. The request ID keeps apart the
 * requests of a caller that reuses one token (a service, a router that signs tokens less often).
 * A request without a token has its own.
 */
export class CallBudgets {
  private readonly budgets = new Map<string, { budget: CallBudget; expires: number }>();

  constructor(private readonly limit: number) {}

  /** The budget of the client request `requestId` that `token` speaks for (a fresh one without a token). */
  of(token: string | undefined, requestId: string, now = Date.now()): CallBudget {
    if (token === undefined) return { left: this.limit, limit: this.limit };
    const key = `${requestId} ${token}`;
    const known = this.budgets.get(key);
    if (known && known.expires > now) return known.budget;
    if (this.budgets.size >= 10_000) this.forgetExpired(now);
    const budget = { left: this.limit, limit: this.limit };
    // A token is good for IDENTITY_TOKEN_TTL_S: its budget need not outlive it.
    this.budgets.set(key, { budget, expires: now + IDENTITY_TOKEN_TTL_S * 1000 });
    return budget;
  }

  private forgetExpired(now: number): void {
    for (const [token, { expires }] of this.budgets) if (expires <= now) this.budgets.delete(token);
  }
}

/**
 * Takes `calls` department calls from the budget, or refuses: a list nested under a list
 * (`cases { edges { node { applicant { cases … } } } }`) asks every department once per row, and
 * would otherwise multiply without bound.
 */
export function spend(budget: CallBudget, calls: number): void {
  if (budget.left < calls)
    throw new BadUserInputError(
      `The query fans out too much: it needs more than ${budget.limit} department calls ` +
        "(each applicant's cases ask every department). Ask for fewer applicants' cases at once.",
      { limit: budget.limit },
    );
  budget.left -= calls;
}
