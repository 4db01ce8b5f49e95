import { pino, type Logger } from 'pino';

export type { Logger };

/** A JSON-lines logger for one service; `name` is the service name on every line. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
