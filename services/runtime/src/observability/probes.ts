import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsRegistry } from './metrics.js';

/**
 * What the process serves in one state: `starting` until its subgraphs listen (migrations done),
 * `ready` while they answer, `stopping` once it drains for shutdown. Several subgraphs in one
 * process (a department host) are ready only when all of them are.
 */
type State = 'starting' | 'ready' | 'stopping';
const states = new Map<string, State>();

export function setServiceState(service: string, state: State): void {
  states.set(service, state);
}

/** Checks a ready service's own database answers; it throws when it does not. */
const databaseChecks = new Map<string, () => Promise<unknown>>();
/** Each service's last check: when it started, and its answer. */
const lastChecks = new Map<string, { at: number; answer: Promise<boolean> }>();
/** How long a readiness probe waits for a database's answer. */
const DATABASE_CHECK_MS = 2000;

/** Makes `/readyz` also ask `service`'s database, and name it when it does not answer. */
export function setDatabaseCheck(service: string, check: () => Promise<unknown>): void {
  databaseChecks.set(service, check);
  lastChecks.delete(service);
}

/** Whether `check` answered within DATABASE_CHECK_MS. */
async function databaseAnswers(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS)));
  try {
    return await Promise.race([check().then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How long one check's answer stands: `/readyz` needs no identity, and polling it in a loop must
 * not turn into as many queries on every database of the process.
 */
const CHECK_REUSE_MS = 1000;

/** The database's answer of the last second, or of a check started now. */
function recentAnswer(service: string, check: () => Promise<unknown>): Promise<boolean> {
  const now = Date.now();
  const last = lastChecks.get(service);
  if (last && now - last.at < CHECK_REUSE_MS) return last.answer;
  const answer = databaseAnswers(check);
  lastChecks.set(service, { at: now, answer });
  return answer;
}

type Readiness = State | 'database unreachable';

async function readiness(): Promise<{ ready: boolean; services: Record<string, Readiness> }> {
  const services: Record<string, Readiness> = Object.fromEntries(states);
  await Promise.all(
    [...states].map(async ([service, state]) => {
      const check = databaseChecks.get(service);
      if (state === 'ready' && check && !(await recentAnswer(service, check)))
        services[service] = 'database unreachable';
    }),
  );
  const values = Object.values(services);
  // A host's department without its database answers DEPARTMENT_UNAVAILABLE itself; the others
  // still serve, so only a process whose every database is out of reach stops taking requests.
  const ready =
    values.includes('ready') && values.every((state) => state === 'ready' || state === 'database unreachable');
  return { ready, services };
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * The operators' endpoints of every service, answered before anything else (no identity needed):
 * - `/livez`: 200 while the process answers at all; a supervisor restarts it otherwise.
 * - `/readyz`: 200 when every subgraph of the process is ready, 503 while starting or draining, or
 *   when no subgraph of it can reach its database, so a load balancer sends it nothing then. The
 *   body names each subgraph's state, `database unreachable` included.
 * - `/metrics`: Prometheus text format.
 * Answers true when the path was one of them.
 */
export function answerProbe(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = (request.url ?? '/').split('?')[0];
  switch (path) {
    case '/livez':
      json(response, 200, { status: 'live' });
      return true;
    case '/readyz':
      void readiness().then(({ ready, services }) =>
        json(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', services }),
      );
      return true;
    case '/metrics':
      metricsRegistry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': metricsRegistry.contentType, 'cache-control': 'no-store' });
          response.end(text);
        },
        (error: unknown) => json(response, 500, { error: String(error) }),
      );
      return true;
    default:
      return false;
  }
}
