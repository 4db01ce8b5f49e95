import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The identity token of the request being handled, for the calls it makes to other services:
 * the hub and the center forward the original caller's token, never one of their own.
 */
const current = new AsyncLocalStorage<string | undefined>();

/** Runs `work` on behalf of the holder of `token` (undefined: the public). */
export function runWithIdentityToken<T>(token: string | undefined, work: () => T): T {
  return current.run(token, work);
}

/** The identity token calls made now carry, if any. */
export function currentIdentityToken(): string | undefined {
  return current.getStore();
}
