import type { GraphQLError } from 'graphql';
import type { BaseContext, ServiceClient } from '@onewindow/runtime';

/** The context of one request to the hub. */
export interface HubContext extends BaseContext {
  /** Calls the departments' subgraphs, by department code. */
  departments: ServiceClient;
  /**
   * Errors of departments that did not answer. The request still succeeds with the others'
   * data; these are added to the response's errors (see unavailable-departments.ts).
   */
  partialErrors: GraphQLError[];
  /** The department calls this request may still make (fan-out.ts): nested lists cannot multiply without bound. */
  callBudget: { left: number; limit: number };
}
