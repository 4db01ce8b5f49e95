/**
 * End-to-end test of `npm start` (scripts/start.ts): spawns the real supervisor with its own ports
 * and data directory, then checks what it promises: it prints the URLs once everything is healthy,
 * restarts a crashed child and says so loudly, stops every child cleanly on SIGTERM, refuses to
 * start at all on a port another program holds, and stops everything when a setting is wrong.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames } from '../schema/src/index.js';
import {
  alive,
  healthy,
  startSupervisor,
  supervisorLines,
  waitFor,
  type RunningSupervisor,
} from './support/supervisor.js';
import { freePorts } from './support/ports.js';

describe('npm start supervisor', { timeout: 240_000 }, () => {
  let supervisor: RunningSupervisor;

  const withLogs = (error: Error): never => {
    throw new Error(`${error.message}${supervisor.logTail()}`);
  };

  beforeAll(async () => {
    supervisor = await startSupervisor({ DEMO_CASES: '40', LOG_LEVEL: 'info' });
  }, 180_000);

  afterAll(async () => {
    // Whatever happened above, leave nothing running.
    await supervisor?.kill();
  });

  it('prints the URLs once every subgraph is healthy', async () => {
    await supervisor.ready();
    expect(supervisor.stdout()).toContain('onewindow is up.');
    expect(supervisor.stdout()).toContain(`${supervisor.baseUrl}/graphql`);

    const response = await fetch(`${supervisor.baseUrl}/health`);
    expect(response.status, supervisor.logTail()).toBe(200);
  }, 160_000);

  it('reports a crashed child loudly and restarts it', async () => {
    const [hubPid] = supervisor.startedPids('hub');
    expect(hubPid, 'no "started hub" line with a pid').toBeTypeOf('number');

    process.kill(hubPid!, 'SIGKILL');

    // The crash goes to stderr as a JSON line naming the child.
    await waitFor(
      () =>
        supervisorLines(supervisor.stderr()).some(
          (l) => l.child === 'hub' && l.msg?.includes('hub exited unexpectedly'),
        ),
      10_000,
      '"hub exited unexpectedly" on stderr',
    ).catch(withLogs);
    // Restarted under a new pid after the back-off.
    const newPid = await waitFor(
      () => supervisor.startedPids('hub').find((pid) => pid !== hubPid),
      30_000,
      'a second "started hub" line',
    ).catch(withLogs);
    expect(newPid).not.toBe(hubPid);
    expect(alive(hubPid!)).toBe(false);

    // The gateway reports every subgraph healthy again once the new hub is listening.
    await waitFor(() => healthy(supervisor.baseUrl), 60_000, '/health to answer 200 again').catch(withLogs);
  }, 100_000);

  it('stops every child and exits 0 on SIGTERM', async () => {
    const pids = supervisor.startedPids();
    // Every subgraph and the gateway were started at least once (the hub twice if the test above ran).
    const names = new Set(supervisorLines(supervisor.stdout()).map((l) => l.child));
    expect([...subgraphNames, 'gateway'].filter((name) => !names.has(name))).toEqual([]);

    supervisor.process.kill('SIGTERM');
    const result = await supervisor.exitWithin(20_000);
    expect(result, 'supervisor did not exit within 20 s of SIGTERM').not.toBe('timeout');
    expect(result, supervisor.logTail()).toEqual({ code: 0, signal: null });

    // The supervisor waits for every child's exit before exiting, so none may be left.
    expect(pids.filter(alive)).toEqual([]);
  }, 30_000);
});

describe('npm start with a port already taken', () => {
  it('refuses to start, naming the port and the service, and starts nothing', async () => {
    // Another program on the port the gateway should take.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const supervisor = await startSupervisor({ PORT: String(port), DEMO_CASES: '0' });
      const result = await supervisor.exitWithin(30_000);
      expect(result, supervisor.logTail()).toEqual({ code: 1, signal: null });
      expect(supervisor.stderr()).toContain(`port ${port} (gateway, on 127.0.0.1) is already in use`);
      expect(supervisor.startedPids()).toEqual([]);
      expect(supervisor.stdout()).not.toContain('onewindow is up.');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  }, 60_000);
});

describe('npm start with a wrong setting', () => {
  it('stops everything and exits 1 once a service says its configuration is wrong, instead of restarting it', async () => {
    const supervisor = await startSupervisor({ RATE_LIMIT_PER_MINUTE: 'many', DEMO_CASES: '0' });
    const result = await supervisor.exitWithin(60_000);
    expect(result, supervisor.logTail()).toEqual({ code: 1, signal: null });
    expect(supervisor.stderr()).toContain('RATE_LIMIT_PER_MINUTE');
    expect(supervisor.stderr()).toMatch(/gateway cannot start with this configuration/);
    // Started once, never again, and nothing left running.
    expect(supervisor.startedPids('gateway')).toHaveLength(1);
    expect(supervisor.startedPids().filter(alive)).toEqual([]);
  }, 90_000);
});

describe('npm start with settings that contradict each other', () => {
  it('names the problem and starts nothing', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ HOSTED_DEPARTMENTS: 'market,nowhere' }, /HOSTED_DEPARTMENTS: unknown department\(s\): nowhere/],
      // startSupervisor gives every subgraph a URL of its own: natres's then points away from the host.
      [{ HOSTED_DEPARTMENTS: 'natres' }, /NATRES_URL=.*, but natres runs in the department host/],
    ];
    const [port] = await freePorts(1);
    cases.push([
      { HUB_URL: `http://127.0.0.1:${port}/graphql`, CENTER_URL: `http://127.0.0.1:${port}/graphql` },
      new RegExp(`port ${port} is given to center and hub`),
    ]);
    for (const [settings, problem] of cases) {
      const supervisor = await startSupervisor({ ...settings, DEMO_CASES: '0' });
      const result = await supervisor.exitWithin(30_000);
      expect(result, supervisor.logTail()).toEqual({ code: 1, signal: null });
      expect(supervisor.stderr()).toMatch(problem);
      expect(supervisor.stderr()).not.toMatch(/\n\s+at /); // words, not a stack trace
      expect(supervisor.startedPids()).toEqual([]);
    }
  }, 120_000);
});
