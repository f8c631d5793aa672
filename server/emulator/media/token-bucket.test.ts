import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then the rate', () => {
    const bucket = new TokenBucket(100, 200);
    const taken = Array.from({ length: 250 }, () => bucket.take(0)).filter(Boolean).length;
    expect(taken).toBe(200);
    // 50 ms later: 5 more.
    const later = Array.from({ length: 10 }, () => bucket.take(50)).filter(Boolean).length;
    expect(later).toBe(5);
    // A long pause refills to the burst, not beyond.
    const refilled = Array.from({ length: 300 }, () => bucket.take(60_000)).filter(Boolean).length;
    expect(refilled).toBe(200);
  });
});
