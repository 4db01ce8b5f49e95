import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { ErrorCode, RateLimiter, type AttemptLimiter, type Identity } from '@onewindow/runtime';

export interface RateLimitOptions {
  /** Operations a minute per signed-in caller (by `sub`); 0: no limit. */
  perMinute: number;
  /** Operations a minute per client address for the public (no token); 0: no limit. */
  publicPerMinute: number;
  /** The verified caller of a request (useIdentity's identityOf). */
  identityOf: (request: Request) => Identity | undefined;
  /** Where the counts are kept: this gateway's memory by default, or the replicas' shared database. */
  limiter?: (limit: number, windowMs: number) => AttemptLimiter;
}

const MINUTE_MS = 60_000;

/**
 * Rate limits, checked as soon as the caller is known and before the request is parsed: at most
 * `perMinute` operations a minute per signed-in caller (whatever address they come from) and
 * `publicPerMinute` per client address for the public (the address the gateway computed with
 * TRUSTED_PROXIES). A caller over the limit gets 429 RATE_LIMITED with Retry-After, and nothing
 * runs. The counts are kept by `limiter`: in memory, or shared by the replicas (state/).
 */
export function useRateLimit({
  perMinute,
  publicPerMinute,
  identityOf,
  limiter = (limit, windowMs) => new RateLimiter(limit, windowMs),
}: RateLimitOptions): GatewayPlugin {
  const signedIn = limiter(perMinute, MINUTE_MS);
  const anonymous = limiter(publicPerMinute, MINUTE_MS);
  return {
    async onRequestParse({ request }) {
      const identity = identityOf(request);
      if (!identity) return; // useIdentity refuses such a request itself
      const isPublic = identity.role === 'public';
      const limit = isPublic ? publicPerMinute : perMinute;
      if (limit === 0) return;
      const allowed = await (isPublic ? anonymous.take(`ip:${identity.ip}`) : signedIn.take(`sub:${identity.sub}`));
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
