import type { LogLevel, LogWriter } from '@graphql-hive/logger';
import { ErrorCode, isClientErrorCode, type Logger } from '@onewindow/runtime';
import { isBadVariableMessage } from './errors.js';

type Attributes = Parameters<LogWriter['write']>[1];

interface LoggedError {
  message?: unknown;
  extensions?: { code?: unknown; http?: { status?: number } };
}

/**
 * Whether Hive logs a request the client got wrong: a client error code, an HTTP 4xx it answered
 * with, or a variable of the wrong type (which the Rust planner reports with neither).
 */
function isClientMistake(attrs: Attributes): boolean {
  if (!attrs || Array.isArray(attrs)) return false;
  const { message, extensions } = attrs as LoggedError;
  const { code, http } = extensions ?? {};
  const status = http?.status ?? 0;
  const clientCode = isClientErrorCode(code) && code !== ErrorCode.DEPARTMENT_UNAVAILABLE;
  return clientCode || (status >= 400 && status < 500) || isBadVariableMessage(message);
}

const isDepartmentUnavailable = (attrs: Attributes) =>
  !!attrs && !Array.isArray(attrs) && (attrs as LoggedError).extensions?.code === ErrorCode.DEPARTMENT_UNAVAILABLE;

/**
 * Writes Hive Gateway's log lines through the gateway's own pino logger, so they look like every
 * other service's. Hive logs every subgraph error at error level; an error a subgraph meant for
 * its client (bad input, not found, rate limited) or a request the gateway refused as malformed
 * (HTTP 4xx) is the client's business, not the operator's, so it goes to debug. A department that did not answer stays a warning; anything else, an error.
 */
export class GatewayLogWriter implements LogWriter {
  constructor(private readonly logger: Logger) {}

  write(level: LogLevel, attrs: Attributes, msg: string | null | undefined): void {
    const fields = attrs == null ? {} : Array.isArray(attrs) ? { attrs } : attrs;
    this.logger[this.levelOf(level, attrs)](fields, msg ?? undefined);
  }

  private levelOf(level: LogLevel, attrs: Attributes): LogLevel {
    if (level !== 'error') return level;
    if (isClientMistake(attrs)) return 'debug';
    return isDepartmentUnavailable(attrs) ? 'warn' : 'error';
  }

  flush(): void {
    this.logger.flush();
  }
}
