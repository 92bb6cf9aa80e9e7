// Usage: npm run infra:package [-- --out <dir>] [--code-bucket <bucket>]
// Bundles the cloud labeller (infra/labeller/handler.ts) for Lambda (Node.js 22, one CommonJS
// file), zips it, and writes a copy of the backend template whose LabellerCodeKey (and, when
// given, LabellerCodeBucket) default to where the bundle is to be uploaded. The zip is
// byte-for-byte the same for the same code, and named by its SHA-256, so a changed bundle gets a
// new key and CloudFormation updates the function. docs/backend.md walks through the deploy.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const repo = fileURLToPath(new URL('..', import.meta.url));
const usage = 'usage: npm run infra:package [-- --out <dir>] [--code-bucket <bucket>]';

/** The function's code: one file, index.js, exporting `handler`. */
export async function bundleLabeller(): Promise<Buffer> {
  const result = await build({
    entryPoints: [join(repo, 'infra/labeller/handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    write: false,
    minify: true,
    // Stack traces in the function's logs name the source lines (the template sets
    // NODE_OPTIONS=--enable-source-maps).
    sourcemap: 'inline',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote nothing');
  return Buffer.from(output.contents);
}

/** A zip of the bundle with fixed dates, so the same code always gives the same bytes. */
export function zipBundle(bundle: Buffer): Buffer {
  const mtime = new Date('2026-01-01T00:00:00Z');
  return Buffer.from(zipSync({ 'index.js': [bundle, { mtime, level: 9 }] }));
}

/** The template with the parameters' defaults pointing at the uploaded bundle. */
export function packagedTemplate(source: string, codeKey: string, codeBucket?: string): string {
  const withKey = setDefault(source, 'LabellerCodeKey', codeKey);
  return codeBucket === undefined ? withKey : setDefault(withKey, 'LabellerCodeBucket', codeBucket);
}

function setDefault(source: string, parameter: string, value: string): string {
  const pattern = new RegExp(`(\\n  ${parameter}:\\n(?:    .*\\n)*?    Default: )''\\n`);
  if (!pattern.test(source)) throw new Error(`the template has no empty default for ${parameter}`);
  return source.replace(pattern, `$1'${value}'\n`);
}

async function main(argv: string[]): Promise<number> {
  let out: string;
  let codeBucket: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, 'code-bucket': { type: 'string' } },
    });
    out = resolve(values.out ?? join(repo, 'out/infra'));
    codeBucket = values['code-bucket'];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  if (codeBucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(codeBucket)) {
    process.stderr.write(`--code-bucket is not an S3 bucket name: ${codeBucket}\n`);
    return 1;
  }
  const zip = zipBundle(await bundleLabeller());
  const sha = createHash('sha256').update(zip).digest('hex');
  const codeKey = `shoebox-labeller/${sha}.zip`;
  const zipFile = join(out, 'shoebox-labeller.zip');
  const templateFile = join(out, 'shoebox-backend.packaged.yaml');
  const source = await readFile(join(repo, 'infra/shoebox-backend.yaml'), 'utf8');
  await mkdir(out, { recursive: true });
  await writeFile(zipFile, zip);
  await writeFile(templateFile, packagedTemplate(source, codeKey, codeBucket));
  const bucket = codeBucket ?? '<code-bucket>';
  process.stdout.write(
    [
      `bundle:   ${zipFile} (${zip.length} bytes)`,
      `template: ${templateFile}`,
      '',
      'Upload the bundle, then deploy (docs/backend.md):',
      `  aws s3 cp ${zipFile} s3://${bucket}/${codeKey}`,
      `  aws cloudformation deploy --stack-name shoebox --template-file ${templateFile} \\`,
      '    --capabilities CAPABILITY_IAM \\',
      `    --parameter-overrides DomainPrefix=<prefix>${codeBucket ? '' : ` LabellerCodeBucket=${bucket}`}`,
      '',
    ].join('\n'),
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
