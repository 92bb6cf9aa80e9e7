import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { latestOnly, oneAtATime, throttle } from '../../../renderer/state/timing';

describe('timing helpers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('oneAtATime runs at once, folds calls made meanwhile into one with the newest arguments', async () => {
    const ends: (() => void)[] = [];
    const fn = vi.fn((_text: string) => new Promise<void>((end) => ends.push(end)));
    const search = oneAtATime(fn);
    search('d');
    search('do');
    search('dog');
    expect(fn.mock.calls).toEqual([['d']]);
    ends[0]!();
    await vi.waitFor(() => expect(fn.mock.calls).toEqual([['d'], ['dog']]));
    search('dogs');
    search.cancel();
    ends[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(fn.mock.calls).toEqual([['d'], ['dog']]);
    search('cat'); // nothing running: at once
    expect(fn.mock.calls.at(-1)).toEqual(['cat']);
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
