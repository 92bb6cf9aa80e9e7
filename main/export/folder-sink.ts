import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportSource } from '../catalog/export-sources';
import { ExportError, hasCode } from './export-error';
import { numberedName, safeFileName } from './export-names';
import type { ExportSink } from './export-sink';
import { copyVerified } from './verified-copy';

/**
 * Writes originals into a folder the person chose. A name is claimed by creating the file
 * exclusively ("wx"), so an existing file is never overwritten, not even one that appears
 * while the export runs: the next free " (n)" name is used instead. A file whose bytes turn
 * out not to match is removed again, and so is one cut short by cancel.
 */
export class FolderSink implements ExportSink {
  private first: string | null = null;

  constructor(readonly folder: string) {}

  /** The first file written, to show in the file manager. */
  firstFile(): string | null {
    return this.first;
  }

  async put(photo: ExportSource, original: string, signal: AbortSignal): Promise<number> {
    const name = safeFileName(photo.filename, photo.format, photo.sha256);
    const { file, handle } = await this.claim(name);
    try {
      // `flush`: on disk before it is counted, so an export to a USB stick survives pulling it
      // out. The stream closes the handle when it ends or fails.
      const bytes = await copyVerified(
        original,
        photo.sha256,
        handle.createWriteStream({ flush: true }),
        signal,
      );
      this.first ??= file;
      return bytes;
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  }

  async finish(): Promise<void> {
    // Every file was completed (or removed) by put.
  }

  private async claim(name: string): Promise<{ file: string; handle: FileHandle }> {
    for (let n = 1; ; n++) {
      const file = join(this.folder, numberedName(name, n));
      try {
        return { file, handle: await open(file, 'wx') };
      } catch (error) {
        if (hasCode(error, 'EEXIST')) continue;
        throw new ExportError('write-failed', `${file} could not be created: ${String(error)}`, {
          cause: error,
        });
      }
    }
  }
}
