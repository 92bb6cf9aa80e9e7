import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes a content-addressed file once: to a temporary name, then renamed into place, so a
 * crash never leaves a half-written file under a final name. An existing file is kept.
 */
export async function writeContentAddressed(file: string, bytes: Uint8Array): Promise<void> {
  if (await exists(file)) return;
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.partial`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** Whether anything is at `file` (an unreadable path counts as absent). */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
