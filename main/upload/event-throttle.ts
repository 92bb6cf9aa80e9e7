/**
 * Runs `fire` at most once per `intervalMs`: at once after a quiet interval, otherwise once at
 * the end of the current one, so a burst of changes costs one call and the last change is never
 * lost. Timed on the monotonic clock: this paces events, it does not stamp them.
 */
export class Throttle {
  private last = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fire: () => void,
    private readonly intervalMs: number,
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait);
  }

  /** Fires now if a call is pending (so a final state goes out before shutdown). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.run();
  }

  private run(): void {
    this.last = performance.now();
    this.fire();
  }
}
