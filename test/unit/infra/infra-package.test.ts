import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLabeller, zipBundle } from '../../../infra/package';
import { cfnLint, hasCfnLint } from './cfn-lint';
import { StackEvaluator } from './evaluate-intrinsics';
import { parseTemplate } from './load-template';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm run infra:package', () => {
  let dir: string;
  let stdout: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shoebox-infra-package-'));
    ({ stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'infra/package.ts', '--out', dir, '--code-bucket', 'my-artifacts'],
      { cwd: repo },
    ));
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a template whose code parameters point at the bundle, named by its hash', async () => {
    const zip = await readFile(join(dir, 'shoebox-labeller.zip'));
    const key = `shoebox-labeller/${createHash('sha256').update(zip).digest('hex')}.zip`;
    const template = parseTemplate(
      await readFile(join(dir, 'shoebox-backend.packaged.yaml'), 'utf8'),
    );
    expect(template.Parameters.LabellerCodeKey?.Default).toBe(key);
    expect(template.Parameters.LabellerCodeBucket?.Default).toBe('my-artifacts');
    const stack = new StackEvaluator(template, {
      parameters: { DomainPrefix: 'shoebox-xyz' },
      refs: { LabellerLogGroup: 'g', PhotoBucket: 'b' },
      attributes: { 'LabellerRole.Arn': 'arn:role' },
    });
    const fn = stack.evaluate(template.Resources.LabellerFunction?.Properties) as { Code: unknown };
    expect(fn.Code).toEqual({ S3Bucket: 'my-artifacts', S3Key: key });
    expect(stdout).toContain(`s3://my-artifacts/${key}`);
  });

  it.skipIf(!hasCfnLint)(
    'writes a template cfn-lint has nothing to say about',
    async () => {
      expect(await cfnLint(join(dir, 'shoebox-backend.packaged.yaml'))).toEqual([]);
    },
    60_000,
  );

  it('zips one index.js exporting the handler, without the app’s native modules', async () => {
    const files = unzipSync(await readFile(join(dir, 'shoebox-labeller.zip')));
    expect(Object.keys(files)).toEqual(['index.js']);
    const code = Buffer.from(files['index.js']!).toString('utf8');
    expect(code).not.toMatch(/require\(["'](sharp|node:sqlite|electron)["']\)/);
    const file = join(dir, 'index.js');
    await writeFile(file, code);
    const { stdout: loaded } = await run(
      process.execPath,
      ['-e', `console.log(typeof require(${JSON.stringify(file)}).handler)`],
      { env: { ...process.env, PHOTO_BUCKET: 'shoebox-photos', AWS_REGION: 'eu-west-1' } },
    );
    expect(loaded.trim()).toBe('function');
  });

  it('gives the same bytes for the same code, so an unchanged function is not redeployed', async () => {
    const zip = await readFile(join(dir, 'shoebox-labeller.zip'));
    expect(zipBundle(await bundleLabeller()).equals(zip)).toBe(true);
  }, 60_000);
});
