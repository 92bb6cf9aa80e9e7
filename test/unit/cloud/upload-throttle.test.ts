import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from '../../../main/upload/event-throttle';

describe('Throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at once after a quiet interval, then once at the end of a burst', () => {
    let fired = 0;
    const throttle = new Throttle(() => (fired += 1), 200);
    throttle.request();
    expect(fired).toBe(1);
    for (let i = 0; i < 10; i += 1) throttle.request();
    expect(fired).toBe(1);
    vi.advanceTimersByTime(199);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(2); // the burst's last change is not lost
    vi.advanceTimersByTime(1_000);
    expect(fired).toBe(2);
    throttle.request();
    expect(fired).toBe(3);
  });

  it('fires a pending call on flush, and nothing when none is pending', () => {
    let fired = 0;
    const throttle = new Throttle(() => (fired += 1), 200);
    throttle.flush();
    expect(fired).toBe(0);
    throttle.request();
    throttle.request();
    throttle.flush();
    expect(fired).toBe(2);
    vi.advanceTimersByTime(1_000);
    expect(fired).toBe(2);
  });
});
