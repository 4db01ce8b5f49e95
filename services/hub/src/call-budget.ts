import { BadUserInputError, IDENTITY_TOKEN_TTL_S } from '@onewindow/runtime';

/** The department calls one client request may still make. */
export interface CallBudget {
  left: number;
  readonly limit: number;
}

/**
 * Budgets of department calls, one per client operation. A gateway plans one client operation into
 * several hub requests (each level of `Applicant.cases`, each batch of entities), all carrying the
 * identity token it signed for that caller and the operation's ID (OPERATION_ID_HEADER, new for
 * each operation the gateway runs): the two together key the budget, so a nested query shares one
 * budget however the gateway splits it, and a caller's next operation starts afresh though its
 * token and request ID be the same (a client sending one X-Request-ID with every request, an
 * export's pages). Without that header (a service calling the hub) the request ID stands in.
 * A request without a token has its own.
 */
export class CallBudgets {
  private readonly budgets = new Map<string, { budget: CallBudget; expires: number }>();

  constructor(private readonly limit: number) {}

  /** The budget of the client operation `operationId` that `token` speaks for (a fresh one without a token). */
  of(token: string | undefined, operationId: string, now = Date.now()): CallBudget {
    if (token === undefined) return { left: this.limit, limit: this.limit };
    const key = `${operationId} ${token}`;
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
