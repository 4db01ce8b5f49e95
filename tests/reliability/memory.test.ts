/**
 * A county runs the services for months: memory must not grow with the requests served. The whole
 * federation runs in this process (tests/support/federation.ts), and many thousands of requests
 * (reads of several shapes, by several callers, some refused) go through the gateway; the heap,
 * measured after a full garbage collection, stays where it was after the warm-up. A service that
 * kept something per request (a context in a Map, an audit record never flushed, a listener never
 * removed) grows by tens of megabytes here. RELIABILITY_SCALE=full serves four times as many.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from '../support/federation.js';
import { SUPERVISOR, WINDOW, headersFor, officerOf } from '../support/callers.js';

const FULL = process.env.RELIABILITY_SCALE === 'full';
const ROUND = FULL ? 10_000 : 2_500;
const ROUNDS = 4;
const CLIENTS = 16;
/** What the heap may differ by between rounds: the caches settling, not a request's leftovers. */
const SLACK_MIB = 16;

const TEXTS = [
  '{ departments { code openCases overdueCases } }',
  '{ cases(first: 20, orderBy: {field: DEADLINE, direction: ASC}) { totalCount edges { cursor node { id status deadline } } } }',
  '{ caseStats { department { code } openCases } }',
  '{ case(id: "housing:999999") { id } }',
  '{ nosuchfield }',
];

// A full collection on demand, without starting the worker with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMiB = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

let federation: Federation;
beforeAll(async () => {
  // No rate limit: every request is served, not refused at the door.
  federation = await startFederation({ demoCases: 200, env: { RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(async () => {
  await federation?.stop();
});

describe('memory under a long stream of requests', () => {
  it('the heap stays flat from round to round through the gateway', async () => {
    const url = federation.gateway.url;
    const headers = await Promise.all([SUPERVISOR, officerOf('housing'), officerOf('market'), WINDOW].map(headersFor));
    const statuses = new Map<number, number>();
    const serve = async (count: number) => {
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          for (let i = client; i < count; i += CLIENTS) {
            // Varied text (trailing spaces) so that each shape is parsed and planned more than once.
            const body = JSON.stringify({ query: TEXTS[i % TEXTS.length] + ' '.repeat(i % 7) });
            const response = await fetch(url, {
              method: 'POST',
              headers: { ...headers[i % headers.length], 'content-type': 'application/json' },
              body,
            });
            await response.text();
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          }
        }),
      );
    };
    await serve(ROUND); // warm-up: caches, plans, connections
    const heaps = [heapMiB()];
    for (let round = 0; round < ROUNDS; round += 1) {
      await serve(ROUND);
      heaps.push(heapMiB());
    }
    console.log(`memory: heap after each round of ${ROUND} requests (MiB): ${heaps.map(Math.round).join(', ')}`);
    // Every request was served (the invalid ones refused with 200 or 400), none failed inside the gateway.
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 400)).toEqual([]);
    expect(Math.max(...heaps) - heaps[0]!).toBeLessThan(SLACK_MIB);
  }, 600_000);
});
