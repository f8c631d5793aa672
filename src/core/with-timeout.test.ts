import { afterEach, describe, expect, it, vi } from 'vitest';
import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('settles as the promise does when it settles in time', async () => {
    await expect(withTimeout(Promise.resolve('panel'), 1_000)).resolves.toBe('panel');
    const failure = new TypeError('Failed to fetch dynamically imported module');
    await expect(withTimeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
  });

  it('rejects once the time is up when the promise never settles', async () => {
    vi.useFakeTimers();
    const result = withTimeout(new Promise(() => {}), 15_000);
    const settled = vi.fn();
    result.catch(settled);
    await vi.advanceTimersByTimeAsync(14_999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toHaveBeenCalledWith(new Error('no answer within 15000 ms'));
  });

  it('leaves no timer behind once the promise has settled', async () => {
    vi.useFakeTimers();
    await withTimeout(Promise.resolve('es-ES'), 15_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
