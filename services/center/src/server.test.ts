import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames, urlVariable } from '@onewindow/schema';
import {
  GATEWAY_ISSUER,
  IDENTITY_HEADER,
  IdentitySigner,
  newInstallationKeys,
  sharedKeySettings,
  type Identity,
} from '@onewindow/runtime';
import { startCenter, type RunningCenter } from './server.js';

describe('the center in production', () => {
  let center: RunningCenter;
  let gateway: IdentitySigner;
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-center-production-'));

  beforeAll(async () => {
    // Production refuses the development keys: the test makes its own, as an installation does.
    const keys = await newInstallationKeys('center-test');
    gateway = await IdentitySigner.create(keys.gateway, GATEWAY_ISSUER);
    center = await startCenter({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      FEED_POLL_MS: '600000',
      ...sharedKeySettings(keys),
      IDENTITY_SIGNING_KEY: JSON.stringify(keys.center),
      // Nothing listens there: the departments and the hub are not part of this test.
      ...Object.fromEntries(subgraphNames.map((name) => [urlVariable(name), 'http://127.0.0.1:9/graphql'])),
    });
  }, 60_000);

  afterAll(async () => {
    await center?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = async (identity: Identity, query: string) => {
    const response = await fetch(center.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await gateway.sign(identity) },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, unknown[]> };
  };

  it('lays out no demo hall: no made-up windows or staff', async () => {
    const supervisor: Identity = { sub: 'S00', role: 'supervisor', ip: '127.0.0.1' };
    expect((await ask(supervisor, '{ windows { id } staff { id } }')).data).toEqual({ windows: [], staff: [] });
  });
});
