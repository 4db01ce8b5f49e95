/**
 * A county's first production start, as the README tells it: `npm run keys` makes the
 * installation's keys and secrets, and `npm start` runs every service with NODE_ENV=production
 * on them and on the county's own identity provider. The gateway and the center each get their
 * own signing key from the one environment; nothing of the repository's development keys works.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv, promisify } from 'node:util';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/index.js';
import { post } from './support/graphql.js';
import { startSupervisor, type RunningSupervisor } from './support/supervisor.js';

const run = promisify(execFile);
const npm = (args: string[], env: Record<string, string> = {}) =>
  run('npm', ['run', '-s', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

const ISSUER = 'https://id.county.example';
const AUDIENCE = 'onewindow-county';
const work = mkdtempSync(join(tmpdir(), 'onewindow-production-start-'));
const keysDir = join(work, 'keys');
let supervisor: RunningSupervisor;
let settings: Record<string, string>;
let supervisorToken: string;

beforeAll(async () => {
  await npm(['keys', '--', '--out', keysDir]);
  settings = parseEnv(readFileSync(join(keysDir, 'onewindow.env'), 'utf8')) as Record<string, string>;
  // The county's identity provider (统一身份认证): its public key is all the gateway is given.
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = join(work, 'provider-jwks.json');
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'county-1', alg: 'ES256' }] }));
  supervisorToken = await new SignJWT({ role: 'supervisor' })
    .setProtectedHeader({ alg: 'ES256', kid: 'county-1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('supervisor-01')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
  supervisor = await startSupervisor({
    ...settings,
    NODE_ENV: 'production',
    AUTH_JWKS_FILE: jwks,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    LOG_LEVEL: 'warn',
  });
  await supervisor.ready();
}, 200_000);

afterAll(async () => {
  await supervisor?.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run keys', () => {
  it('writes the private keys for their owner alone and the public ones for all', () => {
    const mode = (file: string) => statSync(join(keysDir, file)).mode & 0o777;
    expect(mode('gateway-signing-key.json')).toBe(0o600);
    expect(mode('center-signing-key.json')).toBe(0o600);
    expect(mode('onewindow.env')).toBe(0o600);
    expect(mode('identity-keys.json')).toBe(0o644);
    const publicKeys = JSON.parse(readFileSync(join(keysDir, 'identity-keys.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    for (const key of Object.values(publicKeys)) expect(key).not.toHaveProperty('d');
    expect(settings.AUDIT_KEY).toMatch(/^[0-9a-f]{64}$/);
    expect(settings.APPLICANT_ID_SECRET).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never overwrites an installation’s keys', async () => {
    const before = readFileSync(join(keysDir, 'onewindow.env'), 'utf8');
    const again = await npm(['keys', '--', '--out', keysDir]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(again?.code).toBe(2);
    expect(again?.stderr).toMatch(/Not overwriting/);
    expect(readFileSync(join(keysDir, 'onewindow.env'), 'utf8')).toBe(before);
  });
});

describe('npm start in production on those keys', () => {
  const ask = (text: string, headers: Record<string, string>) =>
    post<Record<string, any>>(`${supervisor.baseUrl}/graphql`, text, {}, headers);

  it('answers the county’s own tokens, with no demo data anywhere', async () => {
    const { status, body } = await ask('{ departments { code openCases } cases(first: 1) { totalCount } }', {
      authorization: `Bearer ${supervisorToken}`,
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.departments).toEqual(departments.map((d) => ({ code: d.code, openCases: 0 })));
    expect(body.data!.cases.totalCount).toBe(0);
  });

  it('refuses a token of the development identity provider', async () => {
    const { stdout } = await npm(['token', '--', '--role', 'supervisor']);
    const { status, body } = await ask('{ departments { code } }', { authorization: `Bearer ${stdout.trim()}` });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('keeps audit trails that verify with the installation’s audit key', async () => {
    // It exits 1 (and execFile rejects) if any trail is wrong.
    const verify = await npm(['audit:verify'], { ...settings, DATA_DIR: supervisor.dataDir });
    expect(verify.stdout).toMatch(/Every audit trail is intact/);
    // With another key the same trails do not verify: the key is the installation's own.
    const other = await npm(['audit:verify'], {
      ...settings,
      DATA_DIR: supervisor.dataDir,
      AUDIT_KEY: 'f'.repeat(64),
    }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(other?.code).toBe(1);
  });
});
