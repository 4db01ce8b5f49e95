import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProbe, setDatabaseCheck, setServiceState } from './probes.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (!answerProbe(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const readyz = async () => {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; services: object } };
};

describe('/readyz with databases', () => {
  it('names a subgraph whose database is out of reach, and refuses traffic only when none can serve', async () => {
    let housingUp = true;
    let checks = 0;
    setServiceState('housing', 'ready');
    setDatabaseCheck('housing', async () => {
      checks += 1;
      if (!housingUp) throw new Error('connect ECONNREFUSED');
    });
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready', services: { housing: 'ready' } } });

    // Probes in a loop ask the database once a second at most: the last answer stands meanwhile.
    housingUp = false;
    await Promise.all([readyz(), readyz(), readyz()]);
    expect(checks).toBe(1);
    await sleep(1100);
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'not ready', services: { housing: 'database unreachable' } },
    });

    // A second subgraph of the same process (a department host) still serves: the process stays in.
    setServiceState('market', 'ready');
    setDatabaseCheck('market', () => Promise.resolve());
    expect(await readyz()).toEqual({
      status: 200,
      body: { status: 'ready', services: { housing: 'database unreachable', market: 'ready' } },
    });

    // A database that does not answer at all counts as out of reach after the probe's wait.
    setDatabaseCheck('market', () => new Promise(() => undefined));
    expect((await readyz()).status).toBe(503);

    housingUp = true;
    await sleep(1100);
    setDatabaseCheck('market', () => Promise.resolve());
    setServiceState('market', 'stopping');
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'not ready', services: { housing: 'ready', market: 'stopping' } },
    });
  });
});
