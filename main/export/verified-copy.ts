import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportError, hasCode } from './export-error';

/**
 * Streams the whole of the original `file` into `sink` (or nowhere, to check it), hashing on
 * the way, and refuses with ExportError('changed') when the bytes do not hash to `sha256`: the
 * catalog's hash is the photo's name, so a different hash means a different file. A file that
 * is gone or unreadable is ExportError('missing'). Answers the byte count.
 */
export async function copyVerified(
  file: string,
  sha256: string,
  sink: Writable | null,
  signal: AbortSignal,
): Promise<number> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const why = hasCode(error, 'ENOENT') ? 'is not there' : `cannot be read (${String(error)})`;
    throw new ExportError('missing', `The original ${file} ${why}.`, { cause: error });
  }
  const hash = createHash('sha256');
  let bytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, sink ? chunk : undefined);
    },
  });
  // The stream closes the handle when it ends or fails.
  await pipeline(handle.createReadStream(), hasher, sink ?? discard(), { signal });
  const digest = hash.digest('hex');
  if (digest !== sha256) {
    throw new ExportError(
      'changed',
      `The original hashes to ${digest}, not ${sha256} as the catalog says; it was not exported.`,
    );
  }
  return bytes;
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}
