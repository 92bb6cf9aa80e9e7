import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from '../support/temp-dir';

/**
 * The Electron binary's path, or null where it was not downloaded (our build machines). Found on
 * disk rather than with `require('electron')`, which tries to download a missing binary.
 */
function electronBinary(): string | null {
  const root = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(root, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

test('the desktop app opens on an empty library with its preload bridge', async () => {
  const binary = electronBinary();
  test.skip(
    binary === null,
    'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
  );
  const dataDir = await tempDir('electron');
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: [resolve(import.meta.dirname, '../..')],
    env: { ...process.env, SHOEBOX_DATA_DIR: dataDir.path },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    expect(await page.evaluate(() => typeof window.shoebox?.importer.start)).toBe('function');
    expect(await page.evaluate(() => typeof (window as { require?: unknown }).require)).toBe(
      'undefined',
    );
  } finally {
    await app.close();
    await dataDir.remove();
  }
});
