import type { GraphQLError } from 'graphql';
import type { BaseContext, ServiceClient } from '@onewindow/runtime';
import type { CallBudget } from './call-budget.js';
import type { PageShares } from './page-shares.js';

/** The context of one request to the hub. */
export interface HubContext extends BaseContext {
  /** Calls the departments' subgraphs, by department code. */
  departments: ServiceClient;
  /**
   * Errors of departments that did not answer. The request still succeeds with the others'
   * data; these are added to the response's errors (see unavailable-departments.ts).
   */
  partialErrors: GraphQLError[];
  /** The department calls this client request may still make (call-budget.ts): nested lists cannot multiply without bound. */
  callBudget: CallBudget;
  /** What each department supplied to recent pages of each list: the first round's asks (page-shares.ts). */
  pageShares: PageShares;
}
