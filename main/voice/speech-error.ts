import { AuthError } from '../auth/auth-error';
import { AppError } from '../model/app-error';
import { messageOf } from '../../contract/result';

const offlineMessage =
  "Polly can't be reached; check the network, or hear the greeting in your system's voice.";

/** Whether an SDK error is an answer from the service (it has an HTTP status) or no answer at all. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}

/**
 * Turns whatever getting credentials or calling Polly threw into an AppError. No HTTP answer
 * (refused, reset, DNS, timeout) reads as "offline", so the caller can fall back to the cache
 * or the system voice; an answer from the service is a refusal worth showing as it is.
 */
export function speechError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof AuthError) {
    if (error.code === 'network') return new AppError('offline', offlineMessage);
    if (error.code === 'session-expired')
      return new AppError('not-configured', 'Sign in to hear your greeting.');
    return new AppError('speech-failed', error.message);
  }
  const status = httpStatusOf(error);
  if (status === undefined) return new AppError('offline', offlineMessage);
  const detail = messageOf(error);
  return new AppError('speech-failed', `Polly refused the greeting (HTTP ${status}): ${detail}`);
}
