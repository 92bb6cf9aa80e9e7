import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getFromHost, startWebHost, type RunningHost } from '../support/start-web-host';
import { tempDir } from '../support/temp-dir';

const hostEntry = resolve(import.meta.dirname, '../../out/main/web-host.js');

/** Runs a second browser host to its end and answers its exit code and output. */
async function runToExit(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--no-warnings=ExperimentalWarning', hostEntry, '--data-dir', dataDir, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

describe('one library, one process (issue 16 #1)', () => {
  let host: RunningHost | null = null;
  afterEach(async () => {
    await host?.stop();
    host = null;
  });

  it('a second host on the same folder names the holder and leaves its staged files alone', async () => {
    const dir = await tempDir('lock');
    host = await startWebHost(['--data-dir', dir.path, '--port', '0']);
    // A batch the first host is still receiving.
    const staged = join(dir.path, 'incoming', 'batch-1', 'IMG_0001.jpg');
    await mkdir(join(dir.path, 'incoming', 'batch-1'), { recursive: true });
    await writeFile(staged, 'bytes still arriving');

    const second = await runToExit(dir.path);

    expect(second.code).toBe(3);
    expect(second.output).toContain(`process ${host.process.pid}`);
    expect(second.output).toContain('nothing was changed');
    expect(await readFile(staged, 'utf8')).toBe('bytes still arriving');
    expect(host.process.exitCode).toBeNull();
    expect((await getFromHost(host.url)).status).toBe(200);
    await host.stop();
    host = null;
    expect(existsSync(join(dir.path, 'library.lock'))).toBe(false);
    await dir.remove();
  });

  it('a lock left by a process killed with SIGKILL does not keep the library shut', async () => {
    const dir = await tempDir('stale-lock');
    const first = await startWebHost(['--data-dir', dir.path, '--port', '0']);
    first.process.kill('SIGKILL');
    await once(first.process, 'exit');
    expect(existsSync(join(dir.path, 'library.lock'))).toBe(true);

    host = await startWebHost(['--data-dir', dir.path, '--port', '0']);

    const lock = JSON.parse(await readFile(join(dir.path, 'library.lock'), 'utf8')) as {
      pid: number;
    };
    expect(lock.pid).toBe(host.process.pid);
    await dir.remove();
  });
});
