import { isChannel, requestSchemas } from '../../contract/channels';
import type { Channel, RequestOf } from '../../contract/channels';
import { fail, ok, type Result } from '../../contract/result';
import { AppError } from '../model/app-error';
import type { Logger } from '../model/logger';
import type { HandlerTable } from './handler-table';

/**
 * The single entry for requests from the renderer, whichever host carried them: the channel
 * and payload arrive as `unknown`, are checked against the contract, and the answer is a value.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
  log: Logger,
): Promise<Result<unknown>> {
  // A channel that is not even a name is a malformed request; a name Shoebox does not know is
  // an unknown channel (a page from another version), which the page words differently.
  if (typeof channel !== 'string')
    return fail('invalid-request', `An operation is named by text, not ${describeValue(channel)}.`);
  if (!isChannel(channel))
    return fail('unknown-channel', `There is no operation named ${describeValue(channel)}.`);
  let parsed;
  try {
    parsed = requestSchemas[channel].safeParse(payload);
  } catch {
    // A payload too deep to walk (the schema recursed out of stack): refused, never thrown.
    return fail('invalid-request', `${channel} was sent a request Shoebox cannot read.`);
  }
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map(
        (issue) =>
          `${issue.path.map(String).join('.').slice(0, 100) || 'request'}: ${issue.message}`,
      )
      .join('; ');
    return fail('invalid-request', `${channel} was sent an invalid request (${problems}).`);
  }
  try {
    return ok(await call(handlers, channel, parsed.data as RequestOf<typeof channel>));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message, error.problems);
    log.error(`${channel} failed`, {
      error,
      stack: error instanceof Error ? (error.stack ?? null) : null,
    });
    return fail('internal', 'Something went wrong inside Shoebox; the details are in its log.');
  }
}

const shownCharacters = 60;

/**
 * A short, safe name for whatever was sent as a channel. `String()` of a deeply nested array
 * recurses until the stack overflows, and a huge string would flood the answer.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > shownCharacters ? `${value.slice(0, shownCharacters)}…` : value;
    return `“${shown}”`;
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

function call<C extends Channel>(handlers: HandlerTable, channel: C, request: RequestOf<C>) {
  return handlers[channel](request);
}
