/**
 * A department started as a county runs it (NODE_ENV=production): it refuses the repository's
 * development keys and secrets, and it never seeds demo data, whatever it is asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { housing } from '../services/housing/src/department.js';
import { startDepartment } from '../services/kit/src/index.js';
import {
  GATEWAY_ISSUER,
  IDENTITY_HEADER,
  IdentitySigner,
  developmentKeys,
  newInstallationKeys,
  publicJwk,
  sharedKeySettings,
} from '../services/runtime/src/index.js';

const keys = await newInstallationKeys('production-test');
const dataDirs: string[] = [];

/** What a county configures: its own keys and secrets; nothing of the repository's. */
function productionEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-production-'));
  dataDirs.push(dataDir);
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CENTER_URL: 'http://127.0.0.1:9/graphql',
    ...sharedKeySettings(keys),
    ...overrides,
  };
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a department in production', () => {
  it('seeds no demo cases, only its catalog', async () => {
    const department = await startDepartment(housing, productionEnv());
    try {
      const signer = await IdentitySigner.create(keys.gateway, GATEWAY_ISSUER);
      const token = await signer.sign({ sub: 'sup', role: 'supervisor', ip: '127.0.0.1' });
      const response = await fetch(department.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
        body: JSON.stringify({ query: '{ housing { cases { totalCount } items { totalCount } } }' }),
      });
      const { data } = (await response.json()) as {
        data: { housing: { cases: { totalCount: number }; items: { totalCount: number } } };
      };
      expect(data.housing.cases.totalCount).toBe(0);
      expect(data.housing.items.totalCount).toBe(housing.catalog.length);
      // The development gateway's tokens mean nothing here.
      const dev = await (
        await IdentitySigner.create(developmentKeys.gateway, GATEWAY_ISSUER)
      ).sign({
        sub: 'sup',
        role: 'supervisor',
        ip: '127.0.0.1',
      });
      const refused = await fetch(department.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: dev },
        body: JSON.stringify({ query: '{ housing { cases { totalCount } } }' }),
      });
      expect(refused.status).toBe(401);
    } finally {
      await department.stop();
    }
  });

  it('refuses to start when asked for demo data, or given a development key or secret', async () => {
    const devPublic = JSON.stringify({ [GATEWAY_ISSUER]: publicJwk(developmentKeys.gateway) });
    const refusals: [Record<string, string>, RegExp][] = [
      [{ DEMO_CASES: '50' }, /never seeds demo data/],
      [{ IDENTITY_KEYS: devPublic }, /development key/],
      [{ AUDIT_KEY: developmentKeys.auditKey }, /development audit key/],
      [{ IDENTITY_KEYS: '' }, /IDENTITY_KEYS/],
      [{ APPLICANT_ID_SECRET: '' }, /APPLICANT_ID_SECRET/],
    ];
    for (const [overrides, reason] of refusals) {
      const env = productionEnv(overrides);
      for (const [name, value] of Object.entries(overrides)) if (value === '') delete env[name];
      await expect(startDepartment(housing, env), JSON.stringify(overrides)).rejects.toThrow(reason);
    }
  });
});
