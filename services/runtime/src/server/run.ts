import { ConfigurationError } from '../env.js';
import type { RunningServer } from './subgraph-server.js';

/**
 * The exit status of a service whose configuration is wrong (sysexits' EX_CONFIG): a supervisor
 * (`npm start`) stops rather than start it again, which would fail the same way.
 */
export const EXIT_CONFIGURATION = 78;

/**
 * Runs a service started by `start` until SIGINT or SIGTERM, then stops it cleanly. A failure
 * to start is printed and ends the process with status 1, or EXIT_CONFIGURATION for a setting.
 */
export function runUntilSignalled(name: string, start: () => Promise<RunningServer>): void {
  start().then(
    (server) => {
      let stopping = false;
      // Ctrl-C in a terminal signals every process of the group and the supervisor signals its
      // children too, so a service may get two signals: it stops once.
      const stop = () => {
        if (stopping) return;
        stopping = true;
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof ConfigurationError ? EXIT_CONFIGURATION : 1);
    },
  );
}
