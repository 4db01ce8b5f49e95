import { runWithIdentityToken, type IdentitySigner } from '@onewindow/runtime';

/**
 * Runs work of the center's own (following the feeds, sending joint parts, settling applications)
 * as `service:center`: the departments' calls made in it carry the center's token, never a user's.
 */
export type AsCenter = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Signs a fresh token for each piece of work: tokens last IDENTITY_TOKEN_TTL_S (120 s), and a
 * round of background work may start long after the last.
 */
export const asCenterSignedBy =
  (signer: IdentitySigner): AsCenter =>
  async (work) =>
    runWithIdentityToken(await signer.signAsService('center'), work);
