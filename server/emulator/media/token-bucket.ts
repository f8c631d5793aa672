/** A rate limit of `ratePerSecond` with bursts up to `burst`, as production's per-sender limits. */
export class TokenBucket {
  private tokens: number;
  private at?: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes one token at time `now` (ms); false when the bucket is empty. */
  take(now: number): boolean {
    if (this.at !== undefined) {
      this.tokens = Math.min(
        this.burst,
        this.tokens + ((now - this.at) * this.ratePerSecond) / 1000,
      );
    }
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
