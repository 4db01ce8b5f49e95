/**
 * What a database error says, whichever way it arrived: from the driver directly (better-sqlite3,
 * pg), wrapped by graphql-js around a resolver's error, or through Prisma's driver adapter
 * (Prisma's code, with the adapter's kind and the driver's code in its meta).
 */
type Cause = { originalCode?: unknown; code?: unknown; kind?: unknown } | undefined;
type Thrown = {
  code?: unknown;
  message?: unknown;
  cause?: Cause;
  originalError?: unknown;
  meta?: { driverAdapterError?: { cause?: Cause } };
} | null;

/** The error itself and what it wraps (graphql-js's originalError), outermost first. */
function chainOf(error: unknown): Thrown[] {
  const chain: Thrown[] = [];
  for (let at = error as Thrown; at && typeof at === 'object' && chain.length < 5; at = at.originalError as Thrown)
    chain.push(at);
  return chain;
}

/** Every code (and adapter kind) found on the error and its causes. */
export function driverErrorCodes(error: unknown): string[] {
  return chainOf(error)
    .flatMap((thrown) => {
      const causes = [thrown?.meta?.driverAdapterError?.cause, thrown?.cause];
      return [...causes.flatMap((cause) => [cause?.originalCode, cause?.code, cause?.kind]), thrown?.code];
    })
    .filter((code): code is string => typeof code === 'string');
}

/**
 * Codes that mean the service cannot use its database at all, whatever it asked:
 * - no connection could be had: the server refused it, its name or network is unknown, it timed
 *   out, it is starting or stopping (57P03), has no connection to spare (53300), or the database
 *   does not exist, takes no connections, or refuses the service's credentials (3D000, 28000, 28P01);
 * - the connection was lost: reset, or ended by the server (57P01, 57P02, class 08).
 * - SQLite's file cannot be opened, or its disk is full (SQLITE_CANTOPEN, SQLITE_FULL, SQLITE_IOERR_*).
 * Prisma's codes (P1000, P1001, P1003, P1017) and its adapter's kinds say the same. A write
 * that met a lost connection may have committed: callers are told its outcome is unknown.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '3D000',
  '28000',
  '28P01',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1000',
  'P1001',
  'P1003',
  'P1017',
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
]);
/**
 * pg's and pg-pool's words for a connection that could not be had in time or was lost, and
 * PostgreSQL's for a database that takes no connections (55000 names other states too); they
 * carry no code of their own.
 */
const UNREACHABLE_WORDS =
  /timeout exceeded when trying to connect|Connection terminated|is not currently accepting connections|Client has encountered a connection error/i;

/** True when the error says the service cannot use its database: no connection, or a lost one. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const codes = driverErrorCodes(error);
  // SQLite's file cannot be opened, the disk is full, or a read or write of it failed.
  if (codes.some((code) => UNREACHABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR'))) return true;
  return chainOf(error).some((thrown) => typeof thrown?.message === 'string' && UNREACHABLE_WORDS.test(thrown.message));
}
