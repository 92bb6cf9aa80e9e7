/**
 * The local cloud's S3 (s3rver behind the SigV4-verifying gateway) in a process of its own, so
 * the bench's uploaders (Shoebox in the bench's process, rclone in its own) all talk to a server
 * that does not share their CPU time. Prints nothing; answers its endpoint and one set of
 * temporary credentials over IPC, and stops when the parent disconnects.
 */
import { randomUUID } from 'node:crypto';
import { CredentialRegistry } from '../test/local-cloud/credential-registry';
import { startS3 } from '../test/local-cloud/s3-server';

async function main(): Promise<void> {
  const bucket = process.argv[2] ?? 'shoebox-uploads';
  const registry = new CredentialRegistry();
  const identityId = `us-east-1:${randomUUID()}`;
  const credentials = registry.issue(identityId, 3600);
  const s3 = await startS3({ bucket, registry });
  process.once('disconnect', () => {
    void s3.stop().then(() => process.exit(0));
  });
  process.send?.({
    endpoint: s3.endpoint,
    identityId,
    credentials: { ...credentials, expiration: credentials.expiration.toISOString() },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
