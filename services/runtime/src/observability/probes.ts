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

function readiness(): { ready: boolean; services: Record<string, State> } {
  const services = Object.fromEntries(states);
  const values = [...states.values()];
  return { ready: values.length > 0 && values.every((s) => s === 'ready'), services };
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * The operators' endpoints of every service, answered before anything else (no identity needed):
 * - `/livez`: 200 while the process answers at all; a supervisor restarts it otherwise.
 * - `/readyz`: 200 when every subgraph of the process is ready, 503 while starting or draining, so
 *   a load balancer sends it nothing then.
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
    case '/readyz': {
      const { ready, services } = readiness();
      json(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', services });
      return true;
    }
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
