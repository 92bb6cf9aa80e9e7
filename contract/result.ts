/** Every operation that crosses a process boundary answers with a value, never a throw. */
export const errorCodes = [
  'invalid-request',
  'unknown-channel',
  'not-found',
  'not-supported',
  'busy',
  'cancelled',
  'not-configured',
  'sign-in-failed',
  'offline',
  'speech-failed',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ShoeboxError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Each thing wrong, when there are several to fix (every bad field of a config file). */
  readonly problems?: readonly string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ShoeboxError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  message: string,
  problems?: readonly string[],
): Result<never> => ({
  ok: false,
  error: problems ? { code, message, problems } : { code, message },
});

/** The words of anything thrown: an Error's message, or the value itself as text. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    // undefined for a function or undefined itself, whatever the lib types say.
    const text = JSON.stringify(error) as string | undefined;
    return text ?? String(error);
  } catch {
    return String(error);
  }
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
