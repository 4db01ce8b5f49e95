import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserTokenVerifier, userTokenDefaults } from '../identity/user-tokens.js';
import { webRoutes, type WebRouteOptions } from './web-routes.js';

const dist = mkdtempSync(join(tmpdir(), 'onewindow-web-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>页面</title>');
writeFileSync(join(dist, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'outside-the-dist.txt'), 'secret');

/** The routes on a real port, as the gateway serves them; a request they do not take gets 418. */
async function serve(options: Partial<WebRouteOptions> = {}): Promise<{ base: string; server: Server }> {
  const routes = webRoutes({ distDir: dist, developmentLogin: true, loginUrl: undefined, graphiql: true, ...options });
  const server = createServer((request, response) => {
    void routes(request, response).then((answered) => {
      if (!answered) response.writeHead(418).end('not mine');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A raw GET: fetch would normalize `..` and bad escapes away before they reach the server. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}/`, { path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

let base: string;
let server: Server;
beforeAll(async () => ({ base, server } = await serve()));
afterAll(() => {
  server.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web front on the gateway', () => {
  it('serves the page at / and at any page path, revalidated, with a same-origin-only policy', async () => {
    for (const path of ['/', '/overview', '/cases/market%3A12', '/track?number=1']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('<title>页面</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    }
  });

  it('serves hashed assets for a year, and a missing file as 404 rather than the page', async () => {
    const asset = await fetch(`${base}/assets/app-1a2b3c.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/gone.js`)).status).toBe(404);
  });

  it('never serves a file outside the build, however the path is written', async () => {
    for (const path of [
      '/../outside-the-dist.txt',
      '/%2e%2e/outside-the-dist.txt',
      '/assets/..%2f..%2foutside-the-dist.txt',
      '/%E0%A4%A',
    ]) {
      const { status, body } = await rawGet(base, path);
      expect(body, path).not.toContain('secret');
      expect([200, 404], path).toContain(status);
    }
  });

  it("leaves the API's paths to the runtime", async () => {
    for (const path of ['/graphql', '/health', '/subgraph-status', '/audit', '/export/cases.csv']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(418);
    }
    expect((await fetch(`${base}/overview`, { method: 'POST', body: '{}' })).status).toBe(418);
  });

  it('says how to sign in: the development page here, the county provider elsewhere', async () => {
    expect(await (await fetch(`${base}/app-config.json`)).json()).toEqual({ developmentLogin: true, loginUrl: null });
    const production = await serve({ developmentLogin: false, loginUrl: 'https://id.county.gov.cn/login' });
    try {
      expect(await (await fetch(`${production.base}/app-config.json`)).json()).toEqual({
        developmentLogin: false,
        loginUrl: 'https://id.county.gov.cn/login',
      });
      // No development sign-in there: the path is the page's, like any other.
      const refused = await fetch(`${production.base}/auth/dev-token`, {
        method: 'POST',
        body: '{"role":"supervisor"}',
      });
      expect(refused.status).toBe(418);
    } finally {
      production.server.close();
    }
  });

  it('signs a development token the gateway accepts, for a valid demo role only', async () => {
    const verify = createUserTokenVerifier({ NODE_ENV: 'development', ...userTokenDefaults });
    const signIn = (body: unknown) =>
      fetch(`${base}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const chief = await signIn({ role: 'chief', department: 'market', items: ['SC-001'] });
    expect(chief.status).toBe(200);
    const { token } = (await chief.json()) as { token: string };
    expect(await verify(token, '127.0.0.1')).toMatchObject({
      role: 'chief',
      department: 'market',
      items: ['SC-001'],
      sub: 'chief-demo',
    });

    for (const [body, reason] of [
      [{ role: 'officer' }, 'needs a department'],
      [{ role: 'service' }, 'no token is given'],
      [{ role: 'public' }, 'no token is given'],
      [{ role: 'king' }, 'role'],
      [{ role: 'supervisor', department: 'market' }, 'has no department'],
      ['not an object', 'role'],
    ] as const) {
      const refused = await signIn(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      const answer = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(answer.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.errors[0]!.message).toContain(reason);
    }
    const notJson = await fetch(`${base}/auth/dev-token`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${base}/auth/dev-token`)).status).toBe(405);
  });

  it('serves GraphiQL at /graphiql as one page with the example questions, taking the token from the browser', async () => {
    const page = await fetch(`${base}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('各部门本月办件量');
    expect(html).toContain('localStorage.getItem("onewindow.token")');
    expect(html).not.toContain('__onewindow_headers__');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    const off = await serve({ graphiql: false });
    try {
      expect(await (await fetch(`${off.base}/graphiql`)).text()).toContain('<title>页面</title>');
    } finally {
      off.server.close();
    }
  });
});
