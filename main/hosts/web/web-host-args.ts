import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../library/default-data-dir';
import { CodedError } from '../../model/coded-error';

export interface WebHostArgs {
  readonly dataDir: string;
  readonly port: number;
  readonly configFile: string | null;
}

export class ArgsError extends CodedError<'bad-arguments'> {
  constructor(message: string) {
    super('bad-arguments', message);
  }
}

export const webHostUsage =
  'Usage: npm run start:web -- [--data-dir DIR] [--port N] [--config FILE]';

/** Parses the browser host's command line; every mistake is an ArgsError naming the flag. */
export function parseWebHostArgs(argv: readonly string[]): WebHostArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        config: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ArgsError(`${(error as Error).message}\n${webHostUsage}`);
  }
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ArgsError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port); got “${portText}”.`,
    );
  }
  if (values['data-dir'] === '') throw new ArgsError('--data-dir needs a folder.');
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    configFile: values.config ? resolve(values.config) : null,
  };
}
