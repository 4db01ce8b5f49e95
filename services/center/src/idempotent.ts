import { ConflictError } from '@onewindow/runtime';

/** Prisma's code for a unique constraint violated: here, a concurrent request with the same key. */
const UNIQUE_VIOLATION = 'P2002';

/**
 * Creates a record at most once per idempotency key. A retry with the same key and the same
 * contents gets the first record; the same key with other contents is a CONFLICT, because the
 * caller would otherwise believe a request was carried out that was not. Two requests racing
 * with one key end with one record: the loser reads the winner's.
 */
export async function createOnce<T extends { fingerprint: string }>(
  key: string,
  fingerprint: string,
  find: () => Promise<T | null>,
  create: () => Promise<T>,
  conflictMessage = `Idempotency key "${key}" was already used for a different request; use a new key for a new request.`,
): Promise<T> {
  const existing = await find();
  if (existing) return sameRequest(existing, key, fingerprint, conflictMessage);
  try {
    return await create();
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const winner = await find();
    if (!winner) throw error;
    return sameRequest(winner, key, fingerprint, conflictMessage);
  }
}

function sameRequest<T extends { fingerprint: string }>(
  row: T,
  key: string,
  fingerprint: string,
  conflictMessage: string,
): T {
  // Records made before fingerprints were kept have none; they match any retry, as they did then.
  if (row.fingerprint && row.fingerprint !== fingerprint)
    throw new ConflictError(conflictMessage, { idempotencyKey: key });
  return row;
}
