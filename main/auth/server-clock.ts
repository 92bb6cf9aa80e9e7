/**
 * The sign-in service's time as this machine best knows it: the local clock plus an offset
 * learned from the service's Date header when a token looked expired (or not yet valid) by the
 * local clock. Expiry is judged by this clock, so a computer whose clock is wrong is told so
 * instead of being signed out (docs/reliability.md, "Wrong clocks").
 */
export class ServerClock {
  private offsetMs = 0;

  constructor(private readonly localNow: () => number) {}

  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** How far the server's time is ahead of the local clock (negative: the local clock is fast). */
  offset(): number {
    return this.offsetMs;
  }

  learn(serverTimeMs: number): void {
    this.offsetMs = serverTimeMs - this.localNow();
  }

  /** Whether the local clock is off by more than token validation tolerates. */
  isSkewed(): boolean {
    return Math.abs(this.offsetMs) > clockToleranceSeconds * 1000;
  }

  /** Words for the person while the local clock is off; null while it is right. */
  warning(): string | null {
    if (!this.isSkewed()) return null;
    const direction = this.offsetMs < 0 ? 'ahead of' : 'behind';
    return `Your computer's clock looks wrong: it is ${describeSpan(Math.abs(this.offsetMs))} ${direction} the sign-in service's. Shoebox goes by the service's time, so you stay signed in; set the clock right to avoid trouble elsewhere.`;
  }
}

/** Leeway for exp, nbf and iat when validating tokens: clocks are never exactly together. */
export const clockToleranceSeconds = 300;

/** The time in a server's Date header (any answer carries one), or null when it cannot be had. */
export async function fetchServerTime(url: string): Promise<number | null> {
  try {
    const answer = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    const date = answer.headers.get('date');
    const time = date ? Date.parse(date) : Number.NaN;
    return Number.isFinite(time) ? time : null;
  } catch {
    return null;
  }
}

function describeSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}
