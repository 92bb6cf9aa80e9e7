import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

async function makeConfig(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/make-config.ts', ...args],
      { cwd: repo },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const outputs = [
  { OutputKey: 'Region', OutputValue: 'eu-west-1' },
  { OutputKey: 'UserPoolId', OutputValue: 'eu-west-1_AbCdEf123' },
  { OutputKey: 'UserPoolClientId', OutputValue: '4gh5vq8p1example2l1mn3o' },
  {
    OutputKey: 'HostedUiDomain',
    OutputValue: 'https://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
  },
  { OutputKey: 'IdentityPoolId', OutputValue: 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789' },
  { OutputKey: 'Bucket', OutputValue: 'shoebox-photobucket-1a2b3c4d5e6f' },
  { OutputKey: 'IdentityProviders', OutputValue: 'COGNITO' },
];

// Each test starts Node with tsx; on two busy cores that can take longer than the default 5 s.
describe('infra/make-config.ts', { timeout: 30_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shoebox-make-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the config for a stack’s outputs', async () => {
    const file = join(dir, 'outputs.json');
    await writeFile(file, JSON.stringify({ Stacks: [{ Outputs: outputs }] }));
    const result = await makeConfig(file);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      region: 'eu-west-1',
      bucket: 'shoebox-photobucket-1a2b3c4d5e6f',
      redirectUri: 'http://localhost:17823/callback',
    });
  });

  it('exits 1 with the problems on stderr and nothing on stdout', async () => {
    const file = join(dir, 'partial.json');
    await writeFile(file, JSON.stringify(outputs.slice(1)));
    const result = await makeConfig(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('stack output Region is missing (it gives region)');
  });

  it('explains a file that is missing or not JSON', async () => {
    const missing = await makeConfig(join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read stack outputs from .*nope\.json/);
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "Stacks": [');
    const broken = await makeConfig(file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/cannot read stack outputs from .*broken\.json/);
  });

  it('shows its usage when called wrongly', async () => {
    const result = await makeConfig();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage:');
  });
});
