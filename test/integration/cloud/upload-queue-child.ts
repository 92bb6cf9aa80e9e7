/**
 * Runs the upload queue on a data dir in its own process, for the crash test
 * (upload-queue-crash.test.ts forks it with `node --import tsx` and may SIGKILL it at any moment).
 * Queues every local photo, uploads until idle, then reports the S3 requests it sent over IPC.
 * Test code, never shipped.
 */
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { S3Client } from '@aws-sdk/client-s3';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import type { CloudSession } from '../../../main/aws/cloud-session';
import { UploadQueue } from '../../../main/upload/upload-queue';
import { libraryPaths } from '../../../main/library/library-paths';
import { AppSettingsStore } from '../../../main/settings/app-settings-store';
import type { IssuedCredentials } from '../../local-cloud/credential-registry';
import { s3ClientConfig } from '../../local-cloud/s3-server';
import { catalogOn } from '../../../main/catalog/catalog';

/** What the parent passes as the one argument (JSON). */
export interface ChildConfig {
  readonly dataDir: string;
  readonly endpoint: string;
  readonly bucket: string;
  readonly credentials: IssuedCredentials;
  readonly partSize: number;
}

/** What the child sends when it is done. */
export interface ChildReport {
  readonly type: 'done';
  readonly requests: Record<string, number>;
  readonly uploaded: number;
  readonly failed: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const paths = libraryPaths(config.dataDir);
const db = openCatalog(paths.catalog);
const requests: Record<string, number> = {};
const s3 = new S3Client({
  ...s3ClientConfig(config.endpoint),
  credentials: {
    accessKeyId: config.credentials.accessKeyId,
    secretAccessKey: config.credentials.secretAccessKey,
    sessionToken: config.credentials.sessionToken,
  },
  maxAttempts: 1,
});
s3.middlewareStack.add(
  (next, context) => (args) => {
    const name = context.commandName ?? '?';
    requests[name] = (requests[name] ?? 0) + 1;
    return next(args);
  },
  { step: 'initialize', name: 'countRequests' },
);
const session: CloudSession = {
  bucket: config.bucket,
  s3,
  rekognition: new RekognitionClient({ region: 'us-east-1' }),
  identityId: async () => config.credentials.identityId,
  dispose: () => s3.destroy(),
};
const queue = new UploadQueue({
  catalog: catalogOn(db),
  paths,
  settings: new AppSettingsStore(new SettingsRepository(db)),
  onStatus: () => undefined,
  onLibraryChanged: () => undefined,
  now: Date.now,
  session: () => session,
  retry: { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 },
  partSize: config.partSize,
  multipartThreshold: config.partSize,
});
queue.enqueueAllLocal();
await queue.whenIdle();
const status = queue.status();
const report: ChildReport = {
  type: 'done',
  requests,
  uploaded: status.uploaded,
  failed: status.failed,
};
await queue.stop();
db.close();
session.dispose();
process.send?.(report, () => process.disconnect());
