import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The lowest port the kernel hands out to outgoing connections (Linux's ip_local_port_range).
 * A port the OS picked for `listen(0)` lies in that range too, so between a test picking one and
 * its child binding it, any process's outgoing connection may take it: EADDRINUSE. Ports are
 * chosen below it instead, where only an explicit bind can land.
 */
function ephemeralLow(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

/** Above the development defaults (4000–4015) and the usual well-known services. */
const LOWEST = 10_000;

/** Whether nothing listens on 127.0.0.1:port now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * `count` distinct ports free on 127.0.0.1, chosen at random outside the ephemeral range, for
 * services a test starts as processes of their own (which must know each other's URLs first).
 */
export async function freePorts(count: number): Promise<number[]> {
  const highest = ephemeralLow() - 1;
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < count; tries += 1) {
    if (tries > count * 50) throw new Error(`no ${count} free ports between ${LOWEST} and ${highest}`);
    const port = LOWEST + Math.floor(Math.random() * (highest - LOWEST + 1));
    if (!chosen.has(port) && (await isFree(port))) chosen.add(port);
  }
  return [...chosen];
}
