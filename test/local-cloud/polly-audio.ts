/**
 * Audio for the Polly stand-in (test code, never shipped). No speech: a tone sequence, one short
 * tone per character (silence for whitespace), ~60 ms each, capped at 20 s, so length grows with
 * the text and the result really plays. Encoded as MP3 with lamejs, or raw PCM (signed 16-bit
 * little-endian mono, as Polly's pcm format is).
 */
import { Mp3Encoder } from '@breezystack/lamejs';

const MS_PER_CHAR = 60;
const MAX_MS = 20_000;

/** The tone samples for `text` at `sampleRate`. */
export function synthesizeTones(text: string, sampleRate: number): Int16Array {
  const chars = [...text].slice(0, Math.floor(MAX_MS / MS_PER_CHAR));
  const perChar = Math.round((sampleRate * MS_PER_CHAR) / 1000);
  const fade = Math.round(sampleRate * 0.005);
  const samples = new Int16Array(Math.max(1, chars.length) * perChar);
  chars.forEach((char, index) => {
    if (/\s/.test(char)) return;
    const frequency = 220 * 2 ** ((char.codePointAt(0)! % 24) / 12);
    for (let n = 0; n < perChar; n++) {
      const envelope = Math.min(1, n / fade, (perChar - n) / fade);
      samples[index * perChar + n] = Math.round(
        9000 * envelope * Math.sin((2 * Math.PI * frequency * n) / sampleRate),
      );
    }
  });
  return samples;
}

/** MP3 (mono, 48 kbps) of the samples. */
export function encodeMp3(samples: Int16Array, sampleRate: number): Buffer {
  const encoder = new Mp3Encoder(1, sampleRate, 48);
  const parts: Buffer[] = [];
  // lamejs hands back Int8Arrays whatever its typings say; view them as bytes.
  const bytes = (part: ArrayBufferView): Buffer =>
    Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  for (let offset = 0; offset < samples.length; offset += 1152) {
    parts.push(bytes(encoder.encodeBuffer(samples.subarray(offset, offset + 1152))));
  }
  parts.push(bytes(encoder.flush()));
  return Buffer.concat(parts);
}

/** Little-endian 16-bit PCM bytes of the samples. */
export function encodePcm(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => out.writeInt16LE(sample, i * 2));
  return out;
}
