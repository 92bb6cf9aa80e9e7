import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { maxPhotoBytes } from '../../import/read-photo-file';
import { isInside } from '../../library/library-paths';
import type { StagingArea } from './staging-area';
import { batchFolder, UploadRefusal } from './upload-refusal';

/**
 * The browser cannot tell the host where a dropped file lives, so the browser host receives
 * the bytes into `incoming/<batch>/<relative path>` and imports that folder like a drop.
 */
export async function receiveUpload(
  incoming: string,
  staging: StagingArea,
  batchId: string,
  relativePath: string,
  request: IncomingMessage,
): Promise<void> {
  const folder = batchFolder(incoming, batchId);
  const parts = relativePath.split(/[\\/]+/).filter((part) => part.length > 0);
  if (
    parts.length === 0 ||
    parts.some((part) => part === '.' || part === '..' || part.includes('\0'))
  ) {
    throw new UploadRefusal(
      'bad-upload',
      `The upload path “${relativePath}” is not a plain relative path.`,
    );
  }
  const tooLong = parts.find((part) => Buffer.byteLength(part) > maxNameBytes);
  if (tooLong !== undefined) {
    throw new UploadRefusal(
      'bad-upload',
      `The name “${tooLong.slice(0, 40)}…” is longer than a file name may be (${maxNameBytes} bytes).`,
    );
  }
  const file = join(folder, ...parts);
  if (!isInside(folder, file))
    throw new UploadRefusal('bad-upload', 'The upload path leaves its batch folder.');
  const declared = declaredLength(request);
  if (declared > maxPhotoBytes)
    throw new UploadRefusal('too-large', 'This file is larger than Shoebox imports.');
  // The size is known before a byte is written, and HTTP/1.1 framing stops at it.
  const room = await staging.reserve(batchId, declared);
  try {
    await mkdir(dirname(file), { recursive: true });
  } catch (error) {
    room.release();
    throw asClash(error, relativePath);
  }
  try {
    await pipeline(request, createWriteStream(file));
    room.done();
  } catch (error) {
    room.release();
    // A cut-off upload leaves no partial file behind; a clash leaves the other file alone.
    const clash = asClash(error, relativePath);
    if (!(clash instanceof UploadRefusal)) await rm(file, { force: true });
    throw clash;
  }
}

/** The Content-Length every upload must declare (a browser's File body always does). */
function declaredLength(request: IncomingMessage): number {
  const header = request.headers['content-length'];
  const length = header === undefined ? Number.NaN : Number(header);
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new UploadRefusal(
      'size-unknown',
      'An upload must say its size (Content-Length) before its bytes.',
    );
  }
  return length;
}

const maxNameBytes = 255;

/** A name that collides with a folder (or a folder with a file) is the sender's mistake: 400. */
function asClash(error: unknown, relativePath: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR') {
    return new UploadRefusal(
      'bad-upload',
      `“${relativePath}” clashes with another file or folder of the same name in this upload.`,
    );
  }
  if (code === 'ENAMETOOLONG')
    return new UploadRefusal('bad-upload', `The path “${relativePath.slice(0, 80)}…” is too long.`);
  return error;
}
