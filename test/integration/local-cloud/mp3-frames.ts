// Walks MPEG audio frame headers so tests can check the Polly stand-in's MP3 really is MP3.

const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** Frame count, sample rate and duration of a Layer III stream; throws on a broken frame. */
export function mp3Frames(bytes: Uint8Array): {
  frames: number;
  sampleRate: number;
  durationMs: number;
} {
  let offset = 0;
  let frames = 0;
  let sampleRate = 0;
  let samples = 0;
  while (offset + 4 <= bytes.length) {
    const b1 = bytes[offset + 1]!;
    const b2 = bytes[offset + 2]!;
    if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0)
      throw new Error(`no frame sync at byte ${offset}`);
    const version = (b1 >> 3) & 3;
    if (((b1 >> 1) & 3) !== 1) throw new Error('not Layer III');
    const bitrate = (version === 3 ? BITRATES_V1_L3 : BITRATES_V2_L3)[b2 >> 4]! * 1000;
    sampleRate = RATES[version]![(b2 >> 2) & 3]!;
    const perFrame = version === 3 ? 1152 : 576;
    const length = Math.floor(((perFrame / 8) * bitrate) / sampleRate) + ((b2 >> 1) & 1);
    if (length <= 4) throw new Error(`bad frame length at byte ${offset}`);
    offset += length;
    frames += 1;
    samples += perFrame;
  }
  return { frames, sampleRate, durationMs: (samples / sampleRate) * 1000 };
}
