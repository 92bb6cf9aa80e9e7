// The Lambda function's entry point (bundled by infra/package.ts): builds the clients from the
// function's environment and hands each SQS batch to the labeller.
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_RETRY_POLICY } from '../../main/aws/retry';
import { makeLabeller, type LabellerLog } from './labeller';
import { traced, xrayTracer } from './xray-tracer';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the function's environment has no ${name}`);
  return value;
}

/** One JSON object per line on stdout: CloudWatch Logs Insights reads the fields as they are. */
const log: LabellerLog = (level, message, fields) => {
  process.stdout.write(`${JSON.stringify({ level, message, ...fields })}\n`);
};

const maxLabels = Number(process.env.MAX_LABELS ?? '20');
if (!Number.isInteger(maxLabels) || maxLabels < 1 || maxLabels > 100) {
  throw new Error(`MAX_LABELS must be a whole number from 1 to 100, not ${process.env.MAX_LABELS}`);
}

export const handler = makeLabeller({
  // The S3 helpers retry by themselves; Rekognition throttling is retried a little by the SDK,
  // then by the queue's redelivery.
  s3: traced(new S3Client({ maxAttempts: 1 })),
  rekognition: traced(new RekognitionClient({ maxAttempts: 3 })),
  bucket: required('PHOTO_BUCKET'),
  maxLabels,
  now: Date.now,
  retry: DEFAULT_RETRY_POLICY,
  log,
  tracer: xrayTracer(),
});
