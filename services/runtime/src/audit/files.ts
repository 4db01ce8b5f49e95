import { resolve } from 'node:path';

/**
 * Where a service's audit anchor is kept: beside its database in the data directory,
 * `<service>.audit-anchor.json` (`housing`, `center`, `gateway`). npm run audit:verify looks
 * for it there.
 */
export const auditAnchorFile = (dataDir: string, service: string): string =>
  resolve(dataDir, `${service}.audit-anchor.json`);

/** The gateway's own audit database (it keeps no other): `<DATA_DIR>/gateway-audit.db`. */
export const gatewayAuditFile = (dataDir: string): string => resolve(dataDir, 'gateway-audit.db');
