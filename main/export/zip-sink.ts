import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ExportSource } from '../catalog/export-sources';
import { NameClaims, safeFileName } from './export-names';
import type { ExportSink } from './export-sink';
import { copyVerified } from './verified-copy';

/**
 * Streams originals into a zip (stored, not compressed: photos do not shrink, and stored
 * entries are the bytes themselves). yazl writes Zip64 records when the zip passes 4 GiB and
 * waits for `output` to drain, so one photo at a time is in memory at most in part.
 *
 * Each original is hashed before it is added, because a zip entry cannot be taken back once
 * its bytes are sent: a file that does not match is left out and reported, and the zip stays
 * whole. The second read comes from the OS's cache.
 */
export class ZipSink implements ExportSink {
  private readonly zip = new ZipFile();
  private readonly names = new NameClaims();
  private readonly done: Promise<void>;

  constructor(output: Writable) {
    this.zip.outputStream.pipe(output);
    this.done = finished(output);
    // Seen by the run through put/finish; without a listener an early close would throw.
    this.done.catch(() => undefined);
  }

  async put(photo: ExportSource, original: string, signal: AbortSignal): Promise<number> {
    const bytes = await copyVerified(original, photo.sha256, null, signal);
    const input = createReadStream(original, { signal });
    this.zip.addReadStream(
      input,
      this.names.claim(safeFileName(photo.filename, photo.format, photo.sha256)),
      { compress: false, size: bytes, mtime: new Date(photo.sortAt) },
    );
    // Resolves once yazl has read it all, which it does only as fast as `output` drains.
    await Promise.race([finished(input), this.done.then(() => closedEarly())]);
    return bytes;
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.done;
  }
}

function closedEarly(): never {
  throw new Error('The download was closed before the zip was complete.');
}
