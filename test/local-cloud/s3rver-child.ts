/**
 * Runs s3rver in its own Node process (started by s3-server.ts; test code, never shipped).
 * A child process because s3rver's ListObjectsV2 continuation tokens use DES, which Node ≥ 17
 * only offers with --openssl-legacy-provider, and because s3rver's logger installs global
 * exception handlers we do not want inside the test runner. Plain Node runs this file
 * (type stripping), so it has no relative imports.
 */
import { createRequire } from 'node:module';

interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  vhostBuckets: boolean;
  configureBuckets: { name: string; configs: Buffer[] }[];
}
interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
  /** s3rver (a Koa app) emits an S3-shaped event notification for every write. */
  on(event: 'event', listener: (notification: unknown) => void): void;
}
type S3rverConstructor = new (options: S3rverOptions) => S3rverInstance;

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverConstructor;

interface ChildConfig {
  directory: string;
  buckets: string[];
  port: number;
}
const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;

const server = new S3rver({
  address: '127.0.0.1',
  port: config.port,
  silent: true,
  directory: config.directory,
  vhostBuckets: false,
  configureBuckets: config.buckets.map((name) => ({ name, configs: [] })),
});
// Relayed to the parent: the local cloud's stand-in for S3 event notifications.
server.on('event', (notification) => process.send?.({ type: 'event', notification }));
const { port } = await server.run();
process.send?.({ type: 'ready', port });
// The parent going away (test run ended or crashed) ends us too.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});
