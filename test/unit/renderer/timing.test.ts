import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce, latestOnly, throttle } from '../../../renderer/state/timing';

describe('timing helpers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounce runs once, with the last arguments, after calls stop', () => {
    const fn = vi.fn();
    const typed = debounce(fn, 150);
    typed('d');
    vi.advanceTimersByTime(100);
    typed('do');
    vi.advanceTimersByTime(100);
    typed('dog');
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(fn).toHaveBeenCalledExactlyOnceWith('dog');
  });

  it('debounce can be cancelled', () => {
    const fn = vi.fn();
    const typed = debounce(fn, 150);
    typed('x');
    typed.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });

  it('throttle runs at once, folds a burst into one trailing call, then rests', () => {
    const fn = vi.fn();
    const changed = throttle(fn, 2000);
    changed();
    expect(fn).toHaveBeenCalledTimes(1);
    changed();
    changed();
    changed();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(fn).toHaveBeenCalledTimes(2);
    changed();
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('latestOnly knows which ticket is the newest', () => {
    const turns = latestOnly();
    const first = turns.next();
    const second = turns.next();
    expect(turns.isLatest(first)).toBe(false);
    expect(turns.isLatest(second)).toBe(true);
  });
});
