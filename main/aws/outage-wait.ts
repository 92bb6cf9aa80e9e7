/**
 * The pause a whole queue takes while the cloud is away: `firstMs`, doubling each round that fails
 * again, up to `maxMs`. Work failing while a wait is under way joins it instead of doubling it, so
 * a dozen uploads failing together cost one round, not a dozen. Shared by the upload and label
 * queues.
 */
export class OutageWait {
  private until = 0;
  private rounds = 0;

  constructor(
    private readonly now: () => number,
    private readonly firstMs: number,
    private readonly maxMs = 5 * 60_000,
  ) {}

  /** Starts a wait, or joins the one under way; answers when it ends. */
  start(): number {
    const now = this.now();
    if (now >= this.until) {
      this.rounds += 1;
      this.until = now + Math.min(this.maxMs, this.firstMs * 2 ** (this.rounds - 1));
    }
    return this.until;
  }

  /** Whether a wait is under way right now. */
  isWaiting(): boolean {
    return this.now() < this.until;
  }

  /** When work may go again; null when there is no wait. */
  waitingUntil(): number | null {
    return this.isWaiting() ? this.until : null;
  }

  /** Ends the wait under way (someone knows something changed); the doubling carries on. */
  end(): void {
    this.until = 0;
  }

  /** The cloud answered: the next outage starts again from the first wait. */
  recovered(): void {
    this.until = 0;
    this.rounds = 0;
  }
}
