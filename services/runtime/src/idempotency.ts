import { createHash } from 'node:crypto';

/**
 * What identifies a request apart from its idempotency key: a retry must carry the same
 * fingerprint, and the same key with a different one is another request (a CONFLICT). GraphQL
 * coerces input objects into their type's field order, so equal inputs serialize alike.
 */
export function requestFingerprint(operation: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(operation).update(JSON.stringify(rest)).digest('hex');
}
