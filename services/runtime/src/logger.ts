import { pino, type Logger } from 'pino';
import { traceIds } from './observability/tracing.js';

export type { Logger };

/**
 * A JSON-lines logger for one service; `name` is the service name on every line, and a line
 * logged while a traced request is handled carries its `traceId` and `spanId`.
 */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name }, mixin: traceIds });
}
