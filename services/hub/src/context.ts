import type { GraphQLError } from 'graphql';
import type { BaseContext } from '@onewindow/runtime';
import type { DepartmentClient } from './department-client.js';

/** The context of one request to the hub. */
export interface HubContext extends BaseContext {
  departments: DepartmentClient;
  /**
   * Errors of departments that did not answer. The request still succeeds with the others'
   * data; these are added to the response's errors (see unavailable-departments.ts).
   */
  partialErrors: GraphQLError[];
}
