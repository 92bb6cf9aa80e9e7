import { z } from 'zod';

/**
 * The messages the labeller's queue delivers, as AWS nests them: each SQS record's body is an SNS
 * notification (the topic's subscription is not raw) whose Message is the S3 event's JSON.
 */
const sqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string() })),
});

const snsNotificationSchema = z.object({ Type: z.literal('Notification'), Message: z.string() });

const s3EventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      eventTime: z.string().optional(),
      s3: z.object({
        bucket: z.object({ name: z.string() }),
        object: z.object({ key: z.string() }),
      }),
    }),
  ),
});

/** S3 sends this once when the notification is set up; it names no object. */
const s3TestEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

/** One S3 object a message asks to label. */
export interface CreatedObject {
  readonly bucket: string;
  /** Decoded: S3 event keys are URL-encoded with '+' for spaces. */
  readonly key: string;
  /** When S3 stored the object (epoch ms); null when the event does not say. */
  readonly createdAt: number | null;
}

/** One SQS record, read: the objects it names, or why it could not be read. */
export type QueueMessage =
  | { readonly messageId: string; readonly objects: readonly CreatedObject[] }
  | { readonly messageId: string; readonly unreadable: string };

/** The records of an SQS event; throws only when the event itself is not one. */
export function readSqsEvent(event: unknown): QueueMessage[] {
  const parsed = sqsEventSchema.safeParse(event);
  if (!parsed.success) throw new Error(`not an SQS event: ${parsed.error.message}`);
  return parsed.data.Records.map((record) => readMessage(record.messageId, record.body));
}

function readMessage(messageId: string, body: string): QueueMessage {
  const notification = snsNotificationSchema.safeParse(parseJson(body));
  if (!notification.success)
    return { messageId, unreadable: 'the body is not an SNS notification' };
  const message = parseJson(notification.data.Message);
  if (s3TestEventSchema.safeParse(message).success) return { messageId, objects: [] };
  const s3Event = s3EventSchema.safeParse(message);
  if (!s3Event.success) return { messageId, unreadable: 'the SNS message is not an S3 event' };
  const objects = s3Event.data.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map(
    (r) => ({
      bucket: r.s3.bucket.name,
      key: decodeS3Key(r.s3.object.key),
      createdAt:
        r.eventTime && Number.isFinite(Date.parse(r.eventTime)) ? Date.parse(r.eventTime) : null,
    }),
  );
  return { messageId, objects };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** S3 event notifications URL-encode keys, with '+' for a space. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
