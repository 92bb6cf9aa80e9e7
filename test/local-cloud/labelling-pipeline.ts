/**
 * The backend's labelling pipeline for the local cloud (test code, never shipped): what the
 * template's S3 notification → SNS → SQS → Lambda chain does, with the real handler
 * (infra/labeller/). Copies: S3's key filter (prefix `users/`, suffix `.jpg`) and its URL-encoded
 * keys, SNS's notification envelope, SQS records with message ids, redelivery of the messages the
 * handler names in batchItemFailures (after a short stand-in for the visibility timeout), and the
 * dead-letter queue after five receives. Not copied: batching several messages into one
 * invocation (each notification is its own batch), SQS's at-least-once duplicates, IAM.
 */
import { randomUUID } from 'node:crypto';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { makeLabeller, type LabellerTracer } from '../../infra/labeller/labeller';
import type { CredentialRegistry } from './credential-registry';
import { s3ClientConfig } from './s3-server';

interface Endpoints {
  readonly registry: CredentialRegistry;
  readonly s3: { readonly endpoint: string; readonly region: string; readonly bucket: string };
  readonly rekognition: { readonly endpoint: string; readonly region: string };
}

/** SDK clients as the function's role would have them (the local cloud checks signatures only). */
export function labellerClients(cloud: Endpoints) {
  const issued = cloud.registry.issue(`${cloud.s3.region}:labeller-role`, 3600);
  const credentials = {
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration,
  };
  return {
    s3: new S3Client({
      ...s3ClientConfig(cloud.s3.endpoint, cloud.s3.region),
      credentials,
      maxAttempts: 1,
    }),
    // One attempt: a throttled call must show in batchItemFailures, not be retried by the SDK.
    rekognition: new RekognitionClient({
      endpoint: cloud.rekognition.endpoint,
      region: cloud.rekognition.region,
      credentials,
      maxAttempts: 1,
    }),
  };
}
export type LabellerClients = ReturnType<typeof labellerClients>;

export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** The labeller's handler on these clients, its log lines kept for the test to read. */
export function labellerFor(cloud: Endpoints, clients: LabellerClients, tracer?: LabellerTracer) {
  const lines: LogLine[] = [];
  const handler = makeLabeller({
    ...clients,
    bucket: cloud.s3.bucket,
    maxLabels: 20,
    now: Date.now,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    log: (level, message, fields) => lines.push({ level, message, fields }),
    ...(tracer ? { tracer } : {}),
  });
  return { handler, lines };
}

/** S3 event keys are URL-encoded, with '+' for spaces (':' in identity ids becomes %3A). */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

/** The notification S3 sends for one new object (the key as S3 puts it: encoded). */
export function s3Notification(bucket: string, key: string, at = Date.now()) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventTime: new Date(at).toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: bucket }, object: { key: encodeS3Key(key), size: 1 } },
      },
    ],
  };
}

/** What SQS hands the function: each S3 notification inside an SNS notification. */
export function sqsEvent(messages: { messageId?: string; notification: unknown }[]) {
  return {
    Records: messages.map((message, index) => ({
      messageId: message.messageId ?? `message-${index}`,
      receiptHandle: randomUUID(),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:shoebox-LabelQueue',
      attributes: { ApproximateReceiveCount: '1' },
      body: JSON.stringify({
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:shoebox-LabelTopic',
        Subject: 'Amazon S3 Notification',
        Message: JSON.stringify(message.notification),
      }),
    })),
  };
}

export interface RunningPipeline {
  /** Messages that reached the dead-letter queue. */
  readonly deadLetters: readonly unknown[];
  readonly lines: readonly LogLine[];
  /** Resolves once every message so far has been handled (or dead-lettered). */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

interface Notified {
  readonly Records?: readonly {
    readonly eventName?: string;
    readonly eventTime?: string;
    readonly s3?: {
      readonly bucket?: { readonly name?: string };
      readonly object?: { readonly key?: string };
    };
  }[];
}

const maxReceives = 5;
const redeliverMs = 300;

/** Starts feeding the labeller from the local S3's writes, as the stack's pipeline would. */
export function startLabellingPipeline(
  cloud: Endpoints & { readonly s3: { onNotification(l: (n: unknown) => void): () => void } },
): RunningPipeline {
  const clients = labellerClients(cloud);
  const { handler, lines } = labellerFor(cloud, clients);
  const deadLetters: unknown[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;

  const deliver = async (notification: unknown): Promise<void> => {
    const messageId = randomUUID();
    for (let receive = 1; receive <= maxReceives && !stopped; receive += 1) {
      const answer = await handler(sqsEvent([{ messageId, notification }]));
      if (answer.batchItemFailures.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, redeliverMs * receive));
    }
    if (!stopped) deadLetters.push(notification);
  };

  const unsubscribe = cloud.s3.onNotification((raw) => {
    const record = (raw as Notified).Records?.[0];
    const key = record?.s3?.object?.key ?? '';
    // The template's filter: ObjectCreated, prefix users/, suffix .jpg.
    if (!record?.eventName?.startsWith('ObjectCreated:')) return;
    if (!key.startsWith('users/') || !key.endsWith('.jpg')) return;
    const at = record.eventTime ? Date.parse(record.eventTime) : Date.now();
    const work = deliver(s3Notification(record.s3?.bucket?.name ?? '', key, at)).catch(
      (error: unknown) => {
        lines.push({ level: 'error', message: 'handler threw', fields: { error: String(error) } });
      },
    );
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });

  return {
    deadLetters,
    lines,
    async whenIdle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      await Promise.all([...inFlight]);
      clients.s3.destroy();
      clients.rekognition.destroy();
    },
  };
}
