import type { FileHandle } from 'node:fs/promises';

/** Where one part of a multipart upload lies in the file. */
export interface PartPlan {
  readonly partNumber: number;
  readonly offset: number;
  readonly size: number;
}

/** S3's limits: parts of at least 5 MiB (but the last), at most 10,000 parts. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;

/** Cuts `size` bytes into parts of `partSize` (the last one shorter), numbered from 1. */
export function planParts(size: number, partSize: number): PartPlan[] {
  if (partSize < MIN_PART_SIZE) {
    throw new RangeError(`Parts must be at least ${MIN_PART_SIZE} bytes, not ${partSize}`);
  }
  const count = Math.max(1, Math.ceil(size / partSize));
  if (count > MAX_PARTS) {
    throw new RangeError(
      `${size} bytes need ${count} parts of ${partSize}; S3 allows ${MAX_PARTS}`,
    );
  }
  return Array.from({ length: count }, (_, i) => ({
    partNumber: i + 1,
    offset: i * partSize,
    size: Math.min(partSize, size - i * partSize),
  }));
}

/**
 * Reads exactly `size` bytes at `offset` into the start of `into` (or a new buffer); a short read
 * means the file shrank under us and answers fewer bytes.
 */
export async function readRange(
  handle: FileHandle,
  offset: number,
  size: number,
  into: Buffer = Buffer.allocUnsafe(size),
): Promise<Buffer> {
  const buffer = into.subarray(0, size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, offset + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}
