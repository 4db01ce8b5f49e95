import { createHmac, generateKeyPairSync } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_ISSUER, developmentKeys, publicJwk } from '@onewindow/runtime';
import { createUserTokenVerifier, userTokenDefaults } from './user-tokens.js';

const settings = { NODE_ENV: 'test' as const, ...userTokenDefaults };
const verify = createUserTokenVerifier(settings);
const devKey = await importJWK(developmentKeys.issuer, 'ES256');

function token(claims: Record<string, unknown>, options: { exp?: string | number; iss?: string; aud?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: developmentKeys.issuer.kid })
    .setIssuer(options.iss ?? DEVELOPMENT_ISSUER)
    .setAudience(options.aud ?? 'onewindow')
    .setSubject('li.na')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m');
}

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: Error & { extensions?: { code?: string } }) => `${error.extensions?.code}: ${error.message}`,
  );
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe("users' tokens", () => {
  it('become identities with the client address the gateway saw', async () => {
    const jwt = await token({ role: 'chief', department: 'housing', items: ['001'] }).sign(devKey);
    expect(await verify(jwt, '10.1.2.3')).toEqual({
      sub: 'li.na',
      role: 'chief',
      department: 'housing',
      items: ['001'],
      ip: '10.1.2.3',
    });
  });

  it('are refused, each with a reason, when expired, foreign, forged or of a symmetric or no algorithm', async () => {
    const forger = await generateKeyPair('ES256');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const claims = { role: 'supervisor' };
    const hs256 = [
      b64({ alg: 'HS256', kid: developmentKeys.issuer.kid }),
      b64({ ...claims, sub: 'x', iss: DEVELOPMENT_ISSUER, aud: 'onewindow', exp: 4e9 }),
    ].join('.');
    const confused = `${hs256}.${createHmac('sha256', JSON.stringify(publicJwk(developmentKeys.issuer)))
      .update(hs256)
      .digest('base64url')}`;
    const none = [
      b64({ alg: 'none' }),
      b64({ ...claims, sub: 'x', iss: DEVELOPMENT_ISSUER, aud: 'onewindow', exp: 4e9 }),
      '',
    ].join('.');
    const cases: [string, string, RegExp][] = [
      ['expired', await token(claims, { exp: Math.floor(Date.now() / 1000) - 120 }).sign(devKey), /expired/],
      ['another issuer', await token(claims, { iss: 'https://elsewhere' }).sign(devKey), /not issued for this hub/],
      ['another audience', await token(claims, { aud: 'payroll' }).sign(devKey), /not issued for this hub/],
      ['forged', await token(claims).sign(forger.privateKey), /not valid/],
      ['HS256 with the public key as secret', confused, /algorithm/],
      ['alg none', none, /algorithm/],
      [
        'RS256 from an unknown key',
        await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'other' })
          .setSubject('x')
          .setIssuer(DEVELOPMENT_ISSUER)
          .setAudience('onewindow')
          .setExpirationTime('5m')
          .sign(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
        /key the identity provider does not publish|not valid/,
      ],
      ['the service role', await token({ role: 'service' }).sign(devKey), /not given by tokens/],
      ['an unknown role', await token({ role: 'root' }).sign(devKey), /does not describe/],
      ['an officer without a department', await token({ role: 'officer' }).sign(devKey), /needs a department/],
    ];
    void publicKey;
    for (const [what, jwt, reason] of cases) {
      const outcome = await reasonOf(verify(jwt, '127.0.0.1'));
      expect(outcome, what).toMatch(/^UNAUTHENTICATED: /);
      expect(outcome, what).toMatch(reason);
    }
  });

  it("read the county provider's keys and claim names from configuration", async () => {
    const provider = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(provider.publicKey)), kid: 'county-1', alg: 'RS256' };
    const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const county = createUserTokenVerifier({
      ...settings,
      AUTH_JWKS_FILE: file,
      AUTH_ISSUER: 'https://tyrz.example.gov.cn',
      AUTH_AUDIENCE: 'county-hub',
      AUTH_ROLE_CLAIM: 'onewindow_role',
    });
    const jwt = await new SignJWT({ onewindow_role: 'analyst' })
      .setProtectedHeader({ alg: 'RS256', kid: 'county-1' })
      .setIssuer('https://tyrz.example.gov.cn')
      .setAudience('county-hub')
      .setSubject('wang.fang')
      .setExpirationTime('5m')
      .sign(provider.privateKey);
    expect(await county(jwt, '127.0.0.1')).toMatchObject({ sub: 'wang.fang', role: 'analyst' });
    // The development provider's tokens mean nothing to the county's configuration.
    expect(await reasonOf(county(await token({ role: 'analyst' }).sign(devKey), '127.0.0.1'))).toMatch(
      /UNAUTHENTICATED/,
    );
  });

  it('once checked, are never taken past their expiry, and say where the caller is now', async () => {
    let clock = Date.now();
    const remembering = createUserTokenVerifier(settings, () => clock);
    const expiresIn = 90;
    const jwt = await token({ role: 'supervisor' }, { exp: Math.floor(clock / 1000) + expiresIn }).sign(devKey);
    expect(await remembering(jwt, '10.0.0.1')).toMatchObject({ role: 'supervisor', ip: '10.0.0.1' });
    // The same token from another address is that address's request.
    expect((await remembering(jwt, '10.0.0.2')).ip).toBe('10.0.0.2');
    clock += 60_000;
    expect(await remembering(jwt, '10.0.0.1')).toMatchObject({ role: 'supervisor' });
    // Past its expiry and the tolerated clock skew (5 s) it is refused, though it passed a moment before.
    clock += (expiresIn - 60 + 6) * 1000;
    expect(await reasonOf(remembering(jwt, '10.0.0.1'))).toMatch(/UNAUTHENTICATED: The token has expired/);
    // A refused token is refused every time, not remembered as anything.
    const forged = `${jwt.slice(0, -4)}AAAA`;
    expect(await reasonOf(remembering(forged, '10.0.0.1'))).toMatch(/UNAUTHENTICATED/);
    expect(await reasonOf(remembering(forged, '10.0.0.1'))).toMatch(/UNAUTHENTICATED/);
  });

  it('refuse to start in production on the development provider', () => {
    expect(() => createUserTokenVerifier({ ...settings, NODE_ENV: 'production' })).toThrow(
      /AUTH_JWKS_URL or AUTH_JWKS_FILE/,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [publicJwk(developmentKeys.issuer)] }));
    expect(() => createUserTokenVerifier({ ...settings, NODE_ENV: 'production', AUTH_JWKS_FILE: file })).toThrow(
      /development key/,
    );
  });
});
