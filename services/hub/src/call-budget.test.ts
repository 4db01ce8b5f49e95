import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CallBudgets, spend } from './call-budget.js';

describe('department call budgets', () => {
  it('are shared by the hub requests of one client request, and by no other', () => {
    const budgets = new CallBudgets(10);
    spend(budgets.of('token-a', 'request-1'), 8);
    // Another hub request of the same client request (the gateway split it): the same budget.
    expect(() => spend(budgets.of('token-a', 'request-1'), 3)).toThrow(GraphQLError);
    // The same caller's next request, though it carries the same token: a budget of its own.
    expect(() => spend(budgets.of('token-a', 'request-2'), 10)).not.toThrow();
    // Another caller under the same request ID (forged or not) never spends someone else's.
    expect(() => spend(budgets.of('token-b', 'request-1'), 10)).not.toThrow();
  });

  it('give a request without a token a budget of its own, and refuse with BAD_USER_INPUT past the limit', () => {
    const budgets = new CallBudgets(5);
    spend(budgets.of(undefined, 'request-1'), 5);
    expect(() => spend(budgets.of(undefined, 'request-1'), 5)).not.toThrow();
    let refusal: unknown;
    try {
      spend(budgets.of('token', 'request-1'), 6);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect((refusal as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 5 });
  });

  it('forget a budget once its token has expired', () => {
    const budgets = new CallBudgets(3);
    spend(budgets.of('token', 'request', 0), 3);
    expect(() => spend(budgets.of('token', 'request', 121_000), 3)).not.toThrow();
  });
});
