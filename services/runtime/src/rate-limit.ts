/** Counts attempts per client: true while the client is within its limit. */
export interface AttemptLimiter {
  take(client: string): boolean | Promise<boolean>;
}

/**
 * A fixed-window limit per client: at most `limit` attempts per `windowMs`. Case numbers are
 * sequential, so the limit is what keeps verification codes from being guessed by brute force.
 */
export class RateLimiter implements AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts an attempt; false when the client has used up its window. */
  take(client: string, now = Date.now()): boolean {
    const window = this.windows.get(client);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(now);
      this.windows.set(client, { start: now, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.limit;
  }

  private forgetExpired(now: number): void {
    for (const [client, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(client);
  }
}
