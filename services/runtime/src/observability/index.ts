export * from './metrics.js';
export * from './probes.js';
export * from './request-metrics.js';
export * from './tracing.js';
