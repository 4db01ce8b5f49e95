/**
 * `npm run token -- --role <role> [--department <code>] [--sub <id>] [--items <code,code>] [--ttl 8h]`
 * prints a token of the development identity provider, which the hub accepts unless it runs
 * with its own (AUTH_JWKS_URL / AUTH_JWKS_FILE). Send it as `Authorization: Bearer <token>`.
 * A county's real tokens come from its 统一身份认证 platform; this never runs in production.
 *
 * `--internal` prints instead the gateway's internal identity token for that caller (good for
 * two minutes), to call a subgraph directly or through another federation router in development:
 * send it as `x-onewindow-identity: <token>`.
 */
import { parseArgs } from 'node:util';
import { ROLES, identityClaims, identitySignerFrom, signDevelopmentUserToken } from '../services/runtime/src/index.js';

/** The roles a user's token may carry: the public has none, and services sign their own. */
const TOKEN_ROLES: readonly string[] = ROLES.filter((role) => role !== 'public' && role !== 'service');
const usage =
  'usage: npm run token -- --role <role> [--department <code>] [--sub <id>] [--items <code,code>] [--ttl 8h] [--internal]\n' +
  `roles: ${TOKEN_ROLES.join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

if (process.env.NODE_ENV === 'production')
  fail('npm run token is the development identity provider; production uses your own.');

const OPTIONS = {
  role: { type: 'string' },
  department: { type: 'string' },
  sub: { type: 'string' },
  items: { type: 'string' },
  ttl: { type: 'string', default: '8h' },
  internal: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The arguments, or a plain refusal (an unknown flag, a flag without its value). */
function readArguments() {
  try {
    return parseArgs({ options: OPTIONS });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const { values } = readArguments();
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.role) fail('--role is required');

const role = values.role;
if (!TOKEN_ROLES.includes(role)) fail(`unknown role "${role}": one of ${TOKEN_ROLES.join(', ')}`);
const claims = identityClaims.safeParse({
  sub:
    values.sub ?? (role === 'applicant' ? fail('an applicant needs --sub <ID number or credit code>') : `${role}-dev`),
  role,
  department: values.department,
  items: values.items
    ?.split(',')
    .map((code) => code.trim())
    .filter(Boolean),
});
if (!claims.success)
  fail(claims.error.issues.map((issue) => `${issue.path.join('.') || 'token'}: ${issue.message}`).join('\n'));

if (values.internal) {
  const signer = await identitySignerFrom('gateway', { NODE_ENV: 'development' });
  process.stdout.write(`${await signer.sign({ ...claims.data, ip: '127.0.0.1' })}\n`);
  process.exit(0);
}

/** A token of `ttl` (jose's durations: 8h, 30m, 2d…); anything else is refused in words. */
async function signFor(identity: Parameters<typeof signDevelopmentUserToken>[0], ttl: string): Promise<string> {
  const notADuration = `--ttl "${ttl}" is not a duration: for example 8h, 30m or 2d`;
  // jose also reads "-5m" and "5m ago" (a token already expired): only a number and a unit here.
  if (!/^\d+\s*[a-z]+$/i.test(ttl.trim())) fail(notADuration);
  try {
    return await signDevelopmentUserToken(identity, ttl);
  } catch {
    return fail(notADuration);
  }
}

process.stdout.write(`${await signFor(claims.data, values.ttl)}\n`);
