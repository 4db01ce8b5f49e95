import type { IncomingMessage, ServerResponse } from 'node:http';
import { identityClaims, readBody, sendError, signDevelopmentUserToken } from '@onewindow/runtime';

/** How long a development sign-in lasts: a working day. */
const DEVELOPMENT_TOKEN_TTL = '8h';

/**
 * POST /auth/dev-token `{ role, sub?, department?, items? }` → `{ token }`: the web front's
 * development sign-in, which picks a demo role. Served only while the gateway accepts the
 * development issuer's tokens (no AUTH_JWKS_URL or AUTH_JWKS_FILE, NODE_ENV not production);
 * otherwise 404, as if it did not exist.
 */
export async function developmentLogin(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    sendError(response, 405, 'BAD_REQUEST', 'Sign in with a POST of { role, sub, department, items }.');
    return;
  }
  // The gateway has already read a body sent in chunks (server.ts); otherwise it is still to read.
  const body = (request as { body?: Buffer }).body ?? (await readBody(request).catch(() => undefined));
  if (!body) {
    sendError(response, 400, 'BAD_USER_INPUT', 'The request body is missing or too large.');
    return;
  }
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    sendError(response, 400, 'BAD_USER_INPUT', 'The request body is not JSON.');
    return;
  }
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const role = typeof fields.role === 'string' ? fields.role : '';
  const claims = identityClaims.safeParse({ ...fields, sub: fields.sub || `${role}-demo` });
  if (!claims.success || role === 'public' || role === 'service') {
    const reasons = claims.success
      ? [`no token is given for the role ${role}`]
      : claims.error.issues.map((issue) => `${issue.path.join('.') || 'claims'}: ${issue.message}`);
    sendError(response, 400, 'BAD_USER_INPUT', `Cannot sign in: ${reasons.join('; ')}.`);
    return;
  }
  const token = await signDevelopmentUserToken(claims.data, DEVELOPMENT_TOKEN_TTL);
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ token }));
}
