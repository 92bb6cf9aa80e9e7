/**
 * `npm run cloud:local [-- --config-out FILE]`: starts the local cloud by hand and writes a
 * Shoebox config for it, so `npm run start:web -- --config FILE` signs in against it.
 * Test users: alice / "correct horse" (Cognito), and the Login with Amazon page.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from './start-local-cloud';

const { values } = parseArgs({ options: { 'config-out': { type: 'string' } } });
const configFile = resolve(values['config-out'] ?? 'shoebox-local-config.json');
const cloud = await startLocalCloud();
await writeFile(configFile, `${JSON.stringify(cloud.config, null, 2)}\n`);
console.log(`Local cloud running. Config written to ${configFile}`);
console.log(
  `Sign in as alice / correct horse. Start Shoebox with: npm run start:web -- --config ${configFile}`,
);
const stop = async () => {
  await cloud.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
