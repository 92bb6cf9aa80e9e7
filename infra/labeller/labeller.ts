import { cloudErrorMessage } from '../../main/aws/s3-objects';
import { labelPhoto, type LabelOutcome, type LabelPhotoDeps } from './label-photo';
import { readSqsEvent } from './sqs-event';

/** What the handler answers Lambda: the messages to deliver again (ReportBatchItemFailures). */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** One structured log line; Lambda's JSON log format keeps the fields searchable. */
export type LabellerLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown>,
) => void;

/** Runs `work` as one traced unit named `name`; answers what it answered. */
export interface LabellerTracer {
  inSpan<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** The trace the current invocation belongs to (`1-…-…`), or null when not traced. */
  traceId(): string | null;
}

export const untraced: LabellerTracer = {
  inSpan: (_name, work) => work(),
  traceId: () => null,
};

export interface LabellerDeps extends LabelPhotoDeps {
  readonly log: LabellerLog;
  readonly tracer?: LabellerTracer;
}

/**
 * The SQS handler: labels every derivative the batch names, one message at a time, and reports
 * the messages that failed in a way a redelivery may fix, so the others are not retried with
 * them. A message that cannot be read is reported too: after a few receives it rests in the
 * dead-letter queue, where it can be looked at.
 */
export function makeLabeller(deps: LabellerDeps): (event: unknown) => Promise<BatchResponse> {
  const tracer = deps.tracer ?? untraced;
  return async (event) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const message of readSqsEvent(event)) {
      if ('unreadable' in message) {
        deps.log('error', 'unreadable message', {
          messageId: message.messageId,
          why: message.unreadable,
        });
        failures.push({ itemIdentifier: message.messageId });
        continue;
      }
      try {
        for (const object of message.objects) {
          const outcome = await tracer.inSpan('label-photo', () =>
            labelPhoto(deps, object, tracer.traceId()),
          );
          logOutcome(deps.log, message.messageId, object.key, outcome);
        }
      } catch (error) {
        deps.log('warn', 'will try again', {
          messageId: message.messageId,
          why: cloudErrorMessage(error),
        });
        failures.push({ itemIdentifier: message.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

function logOutcome(log: LabellerLog, messageId: string, key: string, outcome: LabelOutcome): void {
  if (outcome.kind === 'failed') {
    log('warn', 'could not label', { messageId, key, why: outcome.reason });
  } else {
    log('info', outcome.kind, {
      messageId,
      key,
      ...('reason' in outcome ? { why: outcome.reason } : {}),
    });
  }
}
