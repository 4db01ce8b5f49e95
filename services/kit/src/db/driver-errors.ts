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
 * Codes that mean no connection to the database could be had: the server refused it, its name or
 * network is unknown, it is starting or stopping (PostgreSQL 57P03), or it has no connection to
 * spare (53300). Prisma's P1001 and the adapter's kinds say the same. A connection lost in the
 * middle of a statement (ECONNRESET) is not among them: a write's outcome is unknown then.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P03',
  '53300',
  'P1001',
  'DatabaseNotReachable',
  'TooManyConnections',
]);
/**
 * pg's and pg-pool's words when no connection came within the connection timeout (a server that
 * accepts but does not answer, or no free connection); they carry no code.
 */
const POOL_CONNECT_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated due to connection timeout/i;

/** True when the error says the service could not get a connection to its database. */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (driverErrorCodes(error).some((code) => UNREACHABLE_CODES.has(code))) return true;
  return chainOf(error).some(
    (thrown) => typeof thrown?.message === 'string' && POOL_CONNECT_TIMEOUT.test(thrown.message),
  );
}
