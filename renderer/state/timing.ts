/** A function whose calls are put off or thinned out, with a way to drop the pending one. */
export interface Scheduled<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
}

/** Calls `fn` once calls have stopped for `ms`, with the last call's arguments. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Scheduled<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}

/**
 * Calls `fn` at once, then at most once every `ms`: calls in between are folded into one more
 * call at the end of the window, so the last change is never missed.
 */
export function throttle(fn: () => void, ms: number): Scheduled<[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  const open = () => {
    timer = setTimeout(() => {
      timer = undefined;
      if (!pending) return;
      pending = false;
      fn();
      open();
    }, ms);
  };
  const throttled = () => {
    if (timer !== undefined) {
      pending = true;
      return;
    }
    fn();
    open();
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = false;
  };
  return throttled;
}

/** Numbers requests so only the answer to the newest one is used (older ones may arrive later). */
export function latestOnly() {
  let newest = 0;
  return {
    next: () => ++newest,
    isLatest: (ticket: number) => ticket === newest,
  };
}
