import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { ErrorCode, RateLimiter, type Identity } from '@onewindow/runtime';

export interface RateLimitOptions {
  /** Operations a minute per signed-in caller (by `sub`); 0: no limit. */
  perMinute: number;
  /** Operations a minute per client address for the public (no token); 0: no limit. */
  publicPerMinute: number;
  /** The verified caller of a request (useIdentity's identityOf). */
  identityOf: (request: Request) => Identity | undefined;
}

const MINUTE_MS = 60_000;

/**
 * Rate limits, checked as soon as the caller is known and before the request is parsed: at most
 * `perMinute` operations a minute per signed-in caller (whatever address they come from) and
 * `publicPerMinute` per client address for the public (the address the gateway computed with
 * TRUSTED_PROXIES). A caller over the limit gets 429 RATE_LIMITED with Retry-After, and nothing
 * runs. The counts are this gateway's, kept in memory.
 */
export function useRateLimit({ perMinute, publicPerMinute, identityOf }: RateLimitOptions): GatewayPlugin {
  const signedIn = new RateLimiter(perMinute, MINUTE_MS);
  const anonymous = new RateLimiter(publicPerMinute, MINUTE_MS);
  return {
    onRequestParse({ request }) {
      const identity = identityOf(request);
      if (!identity) return; // useIdentity refuses such a request itself
      const isPublic = identity.role === 'public';
      const limit = isPublic ? publicPerMinute : perMinute;
      if (limit === 0) return;
      const allowed = isPublic ? anonymous.take(`ip:${identity.ip}`) : signedIn.take(`sub:${identity.sub}`);
      if (allowed) return;
      const who = isPublic ? 'from one address without signing in' : 'per signed-in caller';
      throw new GraphQLError(`Too many requests: at most ${limit} a minute ${who}. Try again in a minute.`, {
        extensions: {
          code: ErrorCode.RATE_LIMITED,
          http: { status: 429, headers: { 'retry-after': String(MINUTE_MS / 1000) } },
        },
      });
    },
  };
}
