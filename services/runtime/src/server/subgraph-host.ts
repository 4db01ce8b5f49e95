import { createServer, type RequestListener, type Server } from 'node:http';
import { answerProbe } from '../observability/probes.js';
import type { AddressInfo } from 'node:net';
import { keepIdleConnections, sendError } from './http-transport.js';

/** How long closing waits for requests in flight before it cuts their connections. */
const DRAIN_MS = 10_000;

/** `localhost` for a wildcard address, brackets around IPv6: a host as a URL shows it. */
export function shownHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
}

/**
 * Several subgraphs served by one process on one port, each at a path of its own:
 * `http://host:port/<name>/graphql`. A county that runs many small departments on one machine
 * saves a Node process (and its memory) per department this way; each department keeps its own
 * database, migrations, schema and Apollo server, and can move to a host of its own by changing
 * its URL only (README, "Several departments in one process").
 */
export class SubgraphHost {
  private readonly routes = new Map<string, RequestListener>();
  private readonly httpServer: Server;
  private base: string | undefined;

  constructor() {
    this.httpServer = createServer((request, response) => {
      // The process's /livez, /readyz (every hosted department ready) and /metrics.
      if (answerProbe(request, response)) return;
      const name = /^\/([^/?#]+)/.exec(request.url ?? '/')?.[1] ?? '';
      // Names are registry codes (letters and digits): compared as sent, never decoded (a
      // malformed escape such as /%E0/ must be a 404, not an exception in the listener).
      const listener = this.routes.get(name);
      if (listener) return void listener(request, response);
      request.resume();
      const served = [...this.routes.keys()].map((route) => `/${route}/graphql`);
      sendError(
        response,
        404,
        'NOT_FOUND',
        served.length
          ? `No subgraph is served at ${request.url ?? '/'}; this host serves ${served.join(', ')}.`
          : 'No subgraph is served here yet: the host is still starting.',
      );
    });
    keepIdleConnections(this.httpServer);
  }

  /** Starts listening on host:port (port 0 picks a free one); paths answer as subgraphs are mounted. */
  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(port, host, resolve);
    });
    const { port: actualPort } = this.httpServer.address() as AddressInfo;
    this.base = `http://${shownHost(host)}:${actualPort}`;
    return this.base;
  }

  /** Serves `listener` at /<name>/… and returns the subgraph's endpoint URL. */
  mount(name: string, listener: RequestListener): string {
    if (!this.base) throw new Error('SubgraphHost: listen before mounting a subgraph');
    if (this.routes.has(name)) throw new Error(`SubgraphHost: "${name}" is mounted already`);
    this.routes.set(name, listener);
    return `${this.base}/${encodeURIComponent(name)}/graphql`;
  }

  /** Stops serving /<name>/ (its requests get 404 from now on). */
  unmount(name: string): void {
    this.routes.delete(name);
  }

  /**
   * Stops accepting connections and waits for the requests in flight (up to DRAIN_MS, then cuts
   * them), as Apollo's drain plugin does for a subgraph with a server of its own.
   */
  async close(): Promise<void> {
    if (!this.httpServer.listening) return;
    const closed = new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
    this.httpServer.closeIdleConnections();
    const cut = setTimeout(() => this.httpServer.closeAllConnections(), DRAIN_MS);
    await closed;
    clearTimeout(cut);
  }
}
