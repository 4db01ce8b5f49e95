/**
 * Faults between the hub and one department, injected without touching the department: an HTTP
 * proxy on 127.0.0.1 that forwards each GraphQL request to the department, or delays it, holds
 * the department's answer, hangs, drops the connection, answers an HTTP error or refuses
 * connections, as a policy decides request by request.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { departments, subgraphNames, urlVariable } from '../../schema/src/index.js';
import { REQUEST_ID_HEADER, type RunningServer } from '../../services/runtime/src/index.js';
import { startHub } from '../../services/hub/src/server.js';
import { startGateway, type RunningGateway } from '../../gateway/src/server.js';
import type { Federation } from './federation.js';

export type ProxyAction =
  | { kind: 'pass' }
  /** The request is held, then forwarded if its client still waits (a slow way there). */
  | { kind: 'delay'; ms: number }
  /** The request is forwarded at once; the department's answer is held (a slow way back). */
  | { kind: 'delayAnswer'; ms: number }
  /** Neither forwarded nor answered: the client waits until it gives up. */
  | { kind: 'hang' }
  /** The connection is closed without an answer. */
  | { kind: 'drop' }
  /** Answered by the proxy with an HTTP error and a body that is not JSON. */
  | { kind: 'fail'; status: number };

export const PASS: ProxyAction = { kind: 'pass' };

export interface ProxiedRequest {
  /**
   * How many requests with this request ID the proxy has seen, this one included: the hub sends
   * its request ID with every call, so for a case list this is the round (1 for the first ask).
   */
  round: number;
  isMutation: boolean;
  /** The connection carried an earlier request (the client reused a kept-alive connection). */
  reusedConnection: boolean;
  /** The GraphQL request as sent (`query`, `variables`). */
  body: { query?: string; variables?: Record<string, unknown> };
}

export type ProxyPolicy = (request: ProxiedRequest) => ProxyAction;

/** One request the proxy saw and what it did with it. */
export interface ProxyEvent {
  action: ProxyAction['kind'];
  round: number;
  isMutation: boolean;
  reusedConnection: boolean;
  /** Why forwarding to the department failed, when it did (the hub then got no answer). */
  upstreamError?: string;
}

export interface DelayProxy {
  /** Where the hub should send this department's requests. */
  readonly url: string;
  /** Decides each request; replace it at any time (PASS by default). */
  policy: ProxyPolicy;
  /** Every request seen since the last `takeEvents`, in arrival order. */
  takeEvents: () => ProxyEvent[];
  /** Every request seen since the start. */
  readonly history: readonly ProxyEvent[];
  /** Stops listening and cuts every connection: the department is unreachable (connection refused). */
  down: () => Promise<void>;
  /** Listens again on the same port. */
  up: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Headers that belong to one connection, not to the request, and are not passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'host', 'content-length', 'transfer-encoding', 'upgrade']);

function parseBody(raw: Buffer): ProxiedRequest['body'] {
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown;
    return typeof body === 'object' && body !== null ? (body as ProxiedRequest['body']) : {};
  } catch {
    return {};
  }
}

/** Starts a proxy in front of one department's GraphQL URL. */
export async function startDelayProxy(target: string, policy: ProxyPolicy = () => PASS): Promise<DelayProxy> {
  const targetUrl = new URL(target);
  // With a timeout of its own the agent honours the department's Keep-Alive hint (see the runtime's transport).
  const upstream = new http.Agent({ keepAlive: true, timeout: 30_000 });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const rounds = new Map<string, number>();
  const served = new WeakMap<Socket, number>();
  const history: ProxyEvent[] = [];
  let taken = 0;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  /** Sends the request on to the department; its answer goes back after `holdMs`, if anyone still waits. */
  const forward = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
    event: ProxyEvent,
    holdMs = 0,
  ) => {
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
    const call = http.request(
      targetUrl,
      { method: request.method, agent: upstream, headers: { ...headers, 'content-length': body.length } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const send = () => {
            if (response.destroyed || response.writableEnded) return;
            const type = answer.headers['content-type'] ?? 'application/json';
            response.writeHead(answer.statusCode ?? 502, { 'content-type': type });
            response.end(Buffer.concat(chunks));
          };
          if (holdMs > 0) later(holdMs, send);
          else send();
        });
      },
    );
    call.on('error', (error) => {
      event.upstreamError = error.message;
      response.destroy();
    });
    call.end(body);
  };

  const proxy: DelayProxy = {
    url: '',
    policy,
    history,
    takeEvents: () => {
      const events = history.slice(taken);
      taken = history.length;
      return events;
    },
    down: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    up: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (server.listening) await proxy.down();
      for (const socket of sockets) socket.destroy();
      upstream.destroy();
    },
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = parseBody(raw);
      const header = request.headers[REQUEST_ID_HEADER];
      const requestId = (Array.isArray(header) ? header[0] : header) ?? randomUUID();
      const round = (rounds.get(requestId) ?? 0) + 1;
      rounds.set(requestId, round);
      const isMutation = /^\s*mutation\b/.test(body.query ?? '');
      const earlier = served.get(request.socket) ?? 0;
      served.set(request.socket, earlier + 1);
      const reusedConnection = earlier > 0;
      const action = proxy.policy({ round, isMutation, reusedConnection, body });
      const event: ProxyEvent = { action: action.kind, round, isMutation, reusedConnection };
      history.push(event);
      switch (action.kind) {
        case 'pass':
          return forward(request, response, raw, event);
        case 'delay':
          return later(action.ms, () => {
            if (!response.destroyed) forward(request, response, raw, event);
          });
        case 'delayAnswer':
          return forward(request, response, raw, event, action.ms);
        case 'hang':
          return;
        case 'drop':
          return request.socket.destroy();
        case 'fail':
          response.writeHead(action.status, { 'content-type': 'text/html' });
          return response.end('<html><body>Bad gateway (injected)</body></html>');
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  (proxy as { url: string }).url = `http://127.0.0.1:${port}/graphql`;
  return proxy;
}

/** A second hub and gateway over a running federation, the hub reaching every department through a proxy. */
export interface HubBehindProxies {
  /** One proxy per department code. */
  proxies: Record<string, DelayProxy>;
  hub: RunningServer;
  /** Our gateway (default planner), routing the hub's fields to this hub and the rest as the federation does. */
  gateway: RunningGateway;
  /** Sets every proxy's policy back to PASS and forgets their events. */
  reset: () => void;
  stop: () => Promise<void>;
}

/**
 * Starts a hub with DEPARTMENT_TIMEOUT_MS = `timeoutMs` whose `<CODE>_URL`s point at proxies in
 * front of the federation's departments, and a gateway that sends the hub's fields to it. The
 * federation's own hub and gateways are left as they are.
 */
export async function startHubBehindProxies(federation: Federation, timeoutMs: number): Promise<HubBehindProxies> {
  const proxies = Object.fromEntries(
    await Promise.all(departments.map(async (d) => [d.code, await startDelayProxy(federation.urls[d.code]!)] as const)),
  );
  const quiet = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };
  const hub = await startHub({
    ...quiet,
    DEPARTMENT_TIMEOUT_MS: String(timeoutMs),
    ...Object.fromEntries(departments.map((d) => [urlVariable(d.code), proxies[d.code]!.url])),
  });
  const urlOf = (name: string) => (name === 'hub' ? hub.url : federation.urls[name]!);
  const urls = Object.fromEntries(subgraphNames.map((name) => [urlVariable(name), urlOf(name)]));
  const gateway = await startGateway({ ...quiet, ...urls });
  return {
    proxies,
    hub,
    gateway,
    reset: () => {
      for (const proxy of Object.values(proxies)) {
        proxy.policy = () => PASS;
        proxy.takeEvents();
      }
    },
    stop: async () => {
      await gateway.stop();
      await hub.stop();
      await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
    },
  };
}
