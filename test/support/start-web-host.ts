import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything the host printed, for failure messages. */
  readonly output: string[];
  stop(): Promise<void>;
}

const hostEntry = resolve(import.meta.dirname, '../../out/main/web-host.js');

/** Starts the built browser host (`npm run build` first) and waits for its SHOEBOX_URL line. */
export async function startWebHost(
  args: readonly string[],
  timeoutMs = 20_000,
  nodeArgs: readonly string[] = [],
): Promise<RunningHost> {
  const node = ['--no-warnings=ExperimentalWarning', ...nodeArgs];
  const child = spawn(process.execPath, [...node, hostEntry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The host did not start:\n${output.join('')}`)),
      timeoutMs,
    );
    lines.on('line', (line) => {
      output.push(line);
      if (line.startsWith('SHOEBOX_URL=')) {
        clearTimeout(timer);
        resolveUrl(line.slice('SHOEBOX_URL='.length));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The host exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url,
    process: child,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * GETs a URL the host printed. Browsers resolve its `<random>.localhost` name to loopback by
 * themselves; Node asks the system resolver, which may not, so this connects to 127.0.0.1 and
 * sends the name as the Host header, as a browser would.
 */
export function getFromHost(url: string): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: { host: target.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
