// The runtime's public surface: what the gateway, the hub, the center and the departments share.
export * from './errors.js';
export * from './ids.js';
export * from './idempotency.js';
export * from './cursor.js';
export * from './env.js';
export * from './logger.js';
export * from './server/subgraph-server.js';
export * from './server/http-transport.js';
export * from './server/selected-fields.js';
export * from './server/merge-resolvers.js';
export * from './server/run.js';
export * from './client/index.js';
export * from './stored-values.js';
export * from './identity/index.js';
export * from './server/public-access.js';
export * from './audit/index.js';
export * from './rate-limit.js';
