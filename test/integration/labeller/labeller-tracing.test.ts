// The labeller's X-Ray subsegments, caught by a UDP listener standing where Lambda's X-Ray daemon
// listens. The SDK reads Lambda's environment when it loads, so it is set up before the import.
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local-cloud/start-local-cloud';
import { hintedJpeg } from '../local-cloud/fixture-images';
import {
  labellerClients,
  labellerFor,
  readDocument,
  sqsEvent,
  uploadPhoto,
  type LabellerClients,
} from './labeller-fixture';

interface XraySubsegment {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  type?: string;
  namespace?: string;
  aws?: { operation?: string };
  error?: boolean;
  fault?: boolean;
}

const traceId = '1-6756a1b2-0123456789abcdef01234567';
const facadeId = '53995c3f42cd8ad8';
const saved = { ...process.env };
const received: XraySubsegment[] = [];
let daemon: Socket;
let cloud: LocalCloud;
let clients: LabellerClients;

beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (packet) => {
    // Each datagram is a header line, then one segment document.
    const [, body] = packet.toString('utf8').split('\n');
    if (body) received.push(JSON.parse(body) as XraySubsegment);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  process.env.LAMBDA_TASK_ROOT = '/var/task';
  process.env.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${daemon.address().port}`;
  process.env._X_AMZN_TRACE_ID = `Root=${traceId};Parent=${facadeId};Sampled=1`;
  process.env.AWS_XRAY_CONTEXT_MISSING = 'IGNORE_ERROR';
  cloud = await startLocalCloud();
  const { traced } = await import('../../../infra/labeller/xray-tracer');
  const plain = labellerClients(cloud);
  clients = { s3: traced(plain.s3), rekognition: traced(plain.rekognition) };
});
afterAll(async () => {
  process.env = saved;
  clients?.s3.destroy();
  clients?.rekognition.destroy();
  await cloud?.stop();
  daemon?.close();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
}

describe('tracing the cloud labeller', () => {
  it('sends a subsegment per photo with the S3 and Rekognition calls as its children', async () => {
    const { xrayTracer } = await import('../../../infra/labeller/xray-tracer');
    const target = { s3: clients.s3, bucket: cloud.s3.bucket };
    const photo = await uploadPhoto(target, await hintedJpeg('labels: Dog=97'));
    received.length = 0;
    const { handler } = labellerFor(cloud, clients, xrayTracer());
    expect(await handler(sqsEvent([{ bucket: cloud.s3.bucket, key: photo.derivedKey }]))).toEqual({
      batchItemFailures: [],
    });
    await until(() => received.some((s) => s.name === 'label-photo'));

    const unit = received.find((s) => s.name === 'label-photo');
    expect(unit).toMatchObject({ trace_id: traceId, parent_id: facadeId, type: 'subsegment' });
    const children = received.filter((s) => s.parent_id === unit?.id);
    expect(children.map((s) => [s.name, s.aws?.operation]).sort()).toEqual([
      ['Rekognition', 'DetectLabels'],
      ['S3', 'GetObject'],
      ['S3', 'GetObject'],
      ['S3', 'PutObject'],
    ]);
    expect(children.every((s) => s.namespace === 'aws' && s.trace_id === traceId)).toBe(true);

    // The trace id in the document finds this labelling in the X-Ray console.
    const { doc } = await readDocument(target, photo.metaKey);
    expect(doc.labels?.traceId).toBe(traceId);
  });
});
