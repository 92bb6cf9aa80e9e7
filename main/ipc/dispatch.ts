import { isChannel, requestSchemas } from '../../contract/channels';
import type { Channel, RequestOf } from '../../contract/channels';
import { fail, ok, type Result } from '../../contract/result';
import { AppError } from '../model/app-error';
import type { HandlerTable } from './handler-table';

/**
 * The single entry for requests from the renderer, whichever host carried them: the channel
 * and payload arrive as `unknown`, are checked against the contract, and the answer is a value.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
  log: (message: string) => void = console.error,
): Promise<Result<unknown>> {
  if (!isChannel(channel))
    return fail('unknown-channel', `There is no operation named ${String(channel)}.`);
  const parsed = requestSchemas[channel].safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`)
      .join('; ');
    return fail('invalid-request', `${channel} was sent an invalid request (${problems}).`);
  }
  try {
    return ok(await call(handlers, channel, parsed.data as RequestOf<typeof channel>));
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message);
    log(
      `[shoebox] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fail('internal', 'Something went wrong inside Shoebox; the details are in its log.');
  }
}

function call<C extends Channel>(handlers: HandlerTable, channel: C, request: RequestOf<C>) {
  return handlers[channel](request);
}
