import { SignJWT, generateKeyPair, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { identitySignerFrom, identityVerifierFrom } from './configuration.js';
import {
  GATEWAY_ISSUER,
  IDENTITY_TOKEN_REUSE_MS,
  IdentitySigner,
  ReusedIdentityTokens,
  serviceIssuer,
} from './identity-token.js';
import { developmentKeys } from './keys.js';
import type { Identity } from './roles.js';

const officer: Identity = { sub: 'zhang.wei', role: 'officer', department: 'housing', ip: '10.0.0.7' };
const verifier = await identityVerifierFrom({ NODE_ENV: 'test' });
const gateway = await identitySignerFrom('gateway', { NODE_ENV: 'test' });
const center = await identitySignerFrom('center', { NODE_ENV: 'test' });

/** A token signed with `key` whose claims the test chooses, to try what a forger would. */
async function crafted(
  claims: Record<string, unknown>,
  options: { key?: Parameters<SignJWT['sign']>[0]; issuer?: string; typ?: string; iat?: number; exp?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: options.typ ?? 'onewindow-identity+jwt' })
    .setIssuer(options.issuer ?? GATEWAY_ISSUER)
    .setAudience('onewindow-subgraph')
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 60)
    .sign(options.key ?? (await importJWK(developmentKeys.gateway, 'EdDSA')));
}

const refusal = (token: string) =>
  verifier.verify(token).then(
    () => 'accepted',
    (e: Error & { extensions?: { code?: string } }) => e.extensions?.code,
  );

describe('internal identity tokens', () => {
  it('carry the identity the gateway signed, address included', async () => {
    expect(await verifier.verify(await gateway.sign(officer))).toEqual(officer);
  });

  it('let a service speak for itself only', async () => {
    expect(await verifier.verify(await center.signAsService('center'))).toMatchObject({
      sub: 'service:center',
      role: 'service',
    });
    // The center's key claiming a user's role, or another service's name: refused.
    const centerKey = await importJWK(developmentKeys.center, 'EdDSA');
    const asSupervisor = await crafted(
      { sub: 'x', role: 'supervisor' },
      { key: centerKey, issuer: serviceIssuer('center') },
    );
    const asHub = await crafted(
      { sub: 'service:hub', role: 'service' },
      { key: centerKey, issuer: serviceIssuer('center') },
    );
    expect(await refusal(asSupervisor)).toBe('UNAUTHENTICATED');
    expect(await refusal(asHub)).toBe('UNAUTHENTICATED');
    // Nor does the gateway speak for a service.
    expect(await refusal(await crafted({ sub: 'service:center', role: 'service' }))).toBe('UNAUTHENTICATED');
  });

  it('are refused when altered, forged, expired, too old, of another type or from an unknown issuer', async () => {
    const [header, payload, signature] = (await gateway.sign(officer)).split('.');
    const raised = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'supervisor' }),
    ).toString('base64url');
    const other = await generateKeyPair('EdDSA');
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      `${header}.${raised}.${signature}`,
      await crafted({ sub: 'x', role: 'supervisor' }, { key: other.privateKey }),
      await crafted({ sub: 'x', role: 'supervisor' }, { iat: now - 300, exp: now - 180 }),
      await crafted({ sub: 'x', role: 'supervisor' }, { iat: now - 600, exp: now + 60 }),
      await crafted({ sub: 'x', role: 'supervisor' }, { typ: 'JWT' }),
      await crafted({ sub: 'x', role: 'supervisor' }, { issuer: 'onewindow-elsewhere' }),
      await crafted({ sub: 'x', role: 'officer' }), // an officer without a department
      await crafted({ sub: 'x', role: 'root' }),
      'not-a-token',
      `${header}.${payload}.`,
    ];
    for (const token of refused) expect(await refusal(token)).toBe('UNAUTHENTICATED');
  });

  it('refuse the none algorithm', async () => {
    const none = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'onewindow-identity+jwt' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({ iss: GATEWAY_ISSUER, aud: 'onewindow-subgraph', sub: 'x', role: 'supervisor' }),
      ).toString('base64url'),
      '',
    ].join('.');
    expect(await refusal(none)).toBe('UNAUTHENTICATED');
  });

  it('need a private key to sign', async () => {
    const { d: _d, ...publicHalf } = developmentKeys.gateway;
    await expect(IdentitySigner.create(publicHalf, GATEWAY_ISSUER)).rejects.toThrow(/no private part/);
  });
});

describe("the gateway's tokens for its callers", () => {
  it('are one per caller for a minute, then a new one; callers differing in any claim never share one', async () => {
    let clock = Date.now();
    const tokens = new ReusedIdentityTokens(gateway, () => clock);
    const first = await tokens.tokenFor(officer);
    expect(await verifier.verify(first)).toEqual(officer);
    expect(await tokens.tokenFor({ ...officer })).toBe(first);
    const others: Identity[] = [
      { ...officer, ip: '10.0.0.8' },
      { ...officer, department: 'market' },
      { ...officer, sub: 'li.na' },
      { ...officer, role: 'chief', items: ['001'] },
      { ...officer, role: 'chief', items: ['002'] },
    ];
    const theirs = await Promise.all(others.map((other) => tokens.tokenFor(other)));
    expect(new Set([first, ...theirs]).size).toBe(others.length + 1);
    for (const [i, other] of others.entries()) expect(await verifier.verify(theirs[i]!)).toEqual(other);
    clock += IDENTITY_TOKEN_REUSE_MS - 1;
    expect(await tokens.tokenFor(officer)).toBe(first);
    clock += 1;
    const renewed = await tokens.tokenFor(officer);
    expect(renewed).not.toBe(first);
    expect(await verifier.verify(renewed)).toEqual(officer);
  });
});

describe('production', () => {
  it('refuses the development keys and requires configured ones', async () => {
    await expect(identityVerifierFrom({ NODE_ENV: 'production' })).rejects.toThrow(/IDENTITY_KEYS/);
    await expect(identitySignerFrom('gateway', { NODE_ENV: 'production' })).rejects.toThrow(/IDENTITY_SIGNING_KEY/);
    await expect(
      identitySignerFrom('gateway', {
        NODE_ENV: 'production',
        IDENTITY_SIGNING_KEY: JSON.stringify(developmentKeys.gateway),
      }),
    ).rejects.toThrow(/development key/);
    const devPublic = { 'onewindow-gateway': { ...developmentKeys.gateway, d: undefined } };
    await expect(
      identityVerifierFrom({ NODE_ENV: 'production', IDENTITY_KEYS: JSON.stringify(devPublic) }),
    ).rejects.toThrow(/development key/);
  });
});
