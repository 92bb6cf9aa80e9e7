import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { crc32, deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { makePhoto } from './make-photos';

/** Files every import must refuse, by name, each with the reason the importer should give. */
export const brokenFileReasons = {
  'empty.jpg': 'empty-file',
  'notes.jpg': 'not-an-image',
  'truncated.jpg': 'truncated',
  'phone.heic': 'unreadable',
  'enormous.png': 'too-many-pixels',
} as const;

export async function writeBrokenFiles(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'empty.jpg'), Buffer.alloc(0));
  await writeFile(join(folder, 'notes.jpg'), 'shopping list: milk, eggs\n');
  const whole = await makePhoto(folder, {
    name: 'whole-for-truncation.jpg',
    width: 800,
    height: 600,
    noise: true,
  });
  const bytes = await readFile(whole);
  await rm(whole);
  await writeFile(join(folder, 'truncated.jpg'), bytes.subarray(0, Math.floor(bytes.length / 3)));
  await writeFile(join(folder, 'phone.heic'), heicHeader());
  await writeFile(join(folder, 'enormous.png'), pngHeader(40_000, 40_000));
}

/** Only the ISO-BMFF `ftyp` box branded heic with which HEIC files begin: no image in it. */
function heicHeader(): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftypheic', 4, 'latin1');
  box.write('mif1heic', 16, 'latin1');
  return Buffer.concat([box, Buffer.alloc(64)]);
}

/** A PNG claiming the given size, with only a scrap of pixel data after its header. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([length, body, crc]);
}
