// Fixture images for the Rekognition stand-in tests, made with sharp.
import sharp from 'sharp';

/** A JPEG of `size`×`size` px in `colour`, carrying `description` as EXIF ImageDescription. */
export function hintedJpeg(
  description: string | undefined,
  size = 120,
  colour = '#808080',
): Promise<Buffer> {
  const image = sharp({ create: { width: size, height: size, channels: 3, background: colour } });
  return (
    description === undefined ? image : image.withExif({ IFD0: { ImageDescription: description } })
  )
    .jpeg()
    .toBuffer();
}

/** A JPEG over 5 MB: random pixels barely compress. */
export function hugeJpeg(): Promise<Buffer> {
  const width = 2000;
  const height = 1500;
  const noise = Buffer.alloc(width * height * 3);
  let x = 12345;
  for (let i = 0; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    noise[i] = x >>> 16;
  }
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer();
}
