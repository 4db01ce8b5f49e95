import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CallBudgets, spend } from './call-budget.js';

describe('department call budgets', () => {
  it('are shared by the hub requests of one client operation, and by no other', () => {
    const budgets = new CallBudgets(10);
    spend(budgets.of('token-a', 'operation-1'), 8);
    // Another hub request of the same client operation (the gateway split it): the same budget.
    expect(() => spend(budgets.of('token-a', 'operation-1'), 3)).toThrow(GraphQLError);
    // The same caller's next operation, though it carries the same token: a budget of its own.
    expect(() => spend(budgets.of('token-a', 'operation-2'), 10)).not.toThrow();
    // Another caller under the same operation ID (forged or not) never spends someone else's.
    expect(() => spend(budgets.of('token-b', 'operation-1'), 10)).not.toThrow();
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
