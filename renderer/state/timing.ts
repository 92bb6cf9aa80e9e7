/** A function whose calls are put off or thinned out, with a way to drop the pending one. */
export interface Scheduled<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
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

/**
 * Calls `fn` at once when it is not running; calls made while it runs fold into one, with the
 * newest arguments, made when it ends. At most one call in flight, and the last one always runs;
 * `cancel` drops the one waiting.
 */
export function oneAtATime<A extends unknown[]>(
  fn: (...args: A) => Promise<unknown>,
): Scheduled<A> {
  let running = false;
  let waiting: A | null = null;
  const run = async (args: A): Promise<void> => {
    running = true;
    try {
      await fn(...args);
    } finally {
      running = false;
    }
    const next = waiting;
    waiting = null;
    if (next) await run(next);
  };
  const call = (...args: A) => {
    if (running) waiting = args;
    else void run(args);
  };
  call.cancel = () => (waiting = null);
  return call;
}
