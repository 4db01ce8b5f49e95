import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, served at /metrics by every service (probes.ts). One registry
 * per process: several departments hosted in one process share it, told apart by `service`.
 */
export const metricsRegistry = new Registry();
// CPU, memory, event-loop lag, GC and handles of the Node process. The lag is sampled every
// 100 ms, not prom-client's 10 ms: that timer woke every idle process 100 times a second, which a
// county of 40 department processes paid for 40 times over.
collectDefaultMetrics({ register: metricsRegistry, prefix: 'onewindow_', eventLoopMonitoringPrecision: 100 });

/** Latency buckets in seconds: from a 2 ms cache hit to a 10 s timeout. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Database statements are quicker: from 0.1 ms. */
const DATABASE_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5];

export const httpRequests = new Counter({
  name: 'onewindow_http_requests_total',
  help: 'HTTP requests answered, by service and status code.',
  labelNames: ['service', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram({
  name: 'onewindow_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by service.',
  labelNames: ['service'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlErrors = new Counter({
  name: 'onewindow_graphql_errors_total',
  help: 'GraphQL errors in answers, by service and extensions.code.',
  labelNames: ['service', 'code'] as const,
  registers: [metricsRegistry],
});

export const downstreamCallDuration = new Histogram({
  name: 'onewindow_subgraph_call_duration_seconds',
  help: 'Calls this service made to another subgraph (the hub to departments, the gateway to subgraphs, …), by target and outcome.',
  labelNames: ['service', 'target', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const databaseStatementDuration = new Histogram({
  name: 'onewindow_database_statement_duration_seconds',
  help: 'Database statements, by service and kind (SELECT, INSERT, UPDATE, DELETE, …).',
  labelNames: ['service', 'statement'] as const,
  buckets: DATABASE_BUCKETS,
  registers: [metricsRegistry],
});

export const sharedStateFailures = new Counter({
  name: 'onewindow_gateway_shared_state_failures_total',
  help: "Calls to the gateway replicas' shared PostgreSQL state that failed, by use (rate_limit: the replica counted on its own instead).",
  labelNames: ['use'] as const,
  registers: [metricsRegistry],
});

export const feedLag = new Histogram({
  name: 'onewindow_feed_lag_seconds',
  help: "The center's feed lag: from a department's commit of an event to the center's handling of it, by department.",
  labelNames: ['department'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 300],
  registers: [metricsRegistry],
});

/**
 * A gauge read when Prometheus scrapes (open follow-ups past their deadline, say). A service
 * started again in the same process (a test, a restart in place) replaces its earlier reader.
 */
export function scrapedGauge(
  name: string,
  help: string,
  labelNames: readonly string[],
  read: () => Promise<[Record<string, string>, number][]>,
) {
  metricsRegistry.removeSingleMetric(name);
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const [labels, value] of await read()) this.set(labels, value);
    },
  });
}

/** Seconds since a performance.now() reading. */
export const secondsSince = (started: number) => (performance.now() - started) / 1000;
