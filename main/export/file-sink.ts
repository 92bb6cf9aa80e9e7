import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { ExportSource } from '../catalog/export-sources';
import type { ExportSink } from './export-sink';
import { copyVerified } from './verified-copy';

/**
 * Streams one original as it is into `output` (the browser host's download of a single photo:
 * the file itself, not a zip of one). It is hashed before the first byte leaves, since a
 * download cannot be taken back; the second read comes from the OS's cache. When the photo
 * could not be sent, the output is destroyed, so the browser shows a failed download rather
 * than saving an empty file under the photo's name.
 */
export class FileSink implements ExportSink {
  private sent = false;

  constructor(private readonly output: Writable) {
    // An early close is seen by the run through put; without a listener it would throw.
    finished(output).catch(() => undefined);
  }

  async put(photo: ExportSource, original: string, signal: AbortSignal): Promise<number> {
    const bytes = await copyVerified(original, photo.sha256, null, signal);
    await pipeline(createReadStream(original, { signal }), this.output);
    this.sent = true;
    return bytes;
  }

  async finish(): Promise<void> {
    if (!this.sent) this.output.destroy();
  }
}
