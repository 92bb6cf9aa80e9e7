// Usage: node --import tsx infra/make-config.ts outputs.json [--redirect-uri <uri>] > shoebox-config.json
// outputs.json is what `aws cloudformation describe-stacks --stack-name shoebox` printed (whole,
// or just --query 'Stacks[0].Outputs'); "-" reads it from stdin.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { redirectUris } from '../main/config/shoebox-config';
import { configFromStackOutputs } from './stack-outputs-to-config';

const usage =
  'usage: node --import tsx infra/make-config.ts <outputs.json | -> [--redirect-uri <uri>] > shoebox-config.json';

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function isRedirectUri(value: string): value is (typeof redirectUris)[number] {
  return (redirectUris as readonly string[]).includes(value);
}

/** Returns the process exit code; the config goes to stdout, every problem to stderr. */
async function main(argv: string[]): Promise<number> {
  let file: string;
  let redirectUri: string | undefined;
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'redirect-uri': { type: 'string' } },
    });
    if (positionals.length !== 1 || positionals[0] === undefined) throw new Error(usage);
    file = positionals[0];
    redirectUri = values['redirect-uri'];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 1;
  }
  if (redirectUri !== undefined && !isRedirectUri(redirectUri)) {
    process.stderr.write(`--redirect-uri must be one of: ${redirectUris.join(', ')}\n`);
    return 1;
  }

  let json: unknown;
  try {
    json = JSON.parse(await readInput(file));
  } catch (error) {
    process.stderr.write(`cannot read stack outputs from ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const config = configFromStackOutputs(json, redirectUri === undefined ? {} : { redirectUri });
  if (!config.ok) {
    process.stderr.write(`${file} does not describe a usable Shoebox stack:\n`);
    for (const error of config.errors) process.stderr.write(`  - ${error}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(config.value, null, 2)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
