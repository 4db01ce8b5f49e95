import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { z } from 'zod';
import { ConfigurationError } from '../env.js';

/**
 * Keys and secrets, from configuration: each variable holds the JSON itself or the path of a
 * file holding it. Development has working defaults (dev-keys.json, committed and public on
 * purpose); NODE_ENV=production refuses to start with any of them (refuseDevelopmentSecrets).
 */
interface DevelopmentKeys {
  /** The development identity provider's signing key (ES256): `npm run token` signs with it. */
  issuer: JWK;
  /** The gateway's key for internal identity tokens (EdDSA). */
  gateway: JWK;
  /** The center's key for its own background calls (EdDSA). */
  center: JWK;
  /** The key of the audit records' hash chain. */
  auditKey: string;
}

export const developmentKeys: DevelopmentKeys = JSON.parse(
  readFileSync(new URL('../../dev-keys.json', import.meta.url), 'utf8'),
) as DevelopmentKeys;

/** The development identity provider's issuer name (`iss`), refused in production. */
export const DEVELOPMENT_ISSUER = 'https://id.onewindow.dev.invalid';
/** The audience user tokens must name (`aud`) unless configured otherwise. */
export const DEFAULT_AUDIENCE = 'onewindow';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/** A key's public half: the JWK without its private members. */
export function publicJwk(jwk: JWK): JWK {
  const copy: JWK = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy;
}

/** Reads a JSON value given inline or as a file path. */
export function readJsonSetting(value: string, name: string): unknown {
  const text =
    value.trimStart().startsWith('{') || value.trimStart().startsWith('[') ? value : readSettingFile(value, name);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigurationError(`${name} is not valid JSON`);
  }
}

function readSettingFile(path: string, name: string): string {
  if (!existsSync(path)) throw new ConfigurationError(`${name}: no file ${path}`);
  return readFileSync(path, 'utf8');
}

const jwkSchema = z.looseObject({ kty: z.string(), kid: z.string().optional(), alg: z.string().optional() });

/** A JWK setting (inline JSON or a file path). */
export function readJwk(value: string, name: string): JWK {
  const parsed = jwkSchema.safeParse(readJsonSetting(value, name));
  if (!parsed.success) throw new ConfigurationError(`${name} is not a JWK`);
  return parsed.data as JWK;
}

/** A JWKS setting: `{ "keys": [...] }` (inline JSON or a file path). */
export function readJwks(value: string, name: string): { keys: JWK[] } {
  const parsed = z.object({ keys: z.array(jwkSchema).min(1) }).safeParse(readJsonSetting(value, name));
  if (!parsed.success) throw new ConfigurationError(`${name} is not a JWKS ({"keys": [...]})`);
  return { keys: parsed.data.keys as JWK[] };
}

/** Whether a key (private or public) is one of the development keys. */
export function isDevelopmentKey(jwk: JWK): boolean {
  const dev = [developmentKeys.issuer, developmentKeys.gateway, developmentKeys.center];
  return dev.some((key) => key.x === jwk.x && (key.y ?? '') === (jwk.y ?? '') && key.kty === jwk.kty);
}

/**
 * Stops a production start that would run on development secrets: the keys anyone can read in
 * this repository, or the development identity provider. `problems` names every one at once.
 */
export function refuseDevelopmentSecrets(settings: {
  keys?: readonly JWK[];
  secrets?: readonly string[];
  issuer?: string;
}): void {
  const problems: string[] = [];
  if (settings.keys?.some(isDevelopmentKey)) problems.push('a development key (services/runtime/dev-keys.json)');
  if (settings.secrets?.includes(developmentKeys.auditKey)) problems.push('the development audit key');
  if (settings.issuer === DEVELOPMENT_ISSUER) problems.push(`the development issuer ${DEVELOPMENT_ISSUER}`);
  if (problems.length)
    throw new ConfigurationError(
      `NODE_ENV=production refuses to start with ${problems.join(', ')}: configure your own.`,
    );
}
