import { DetectLabelsCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialRegistry } from '../../local-cloud/credential-registry';
import { fixtureColours } from '../../local-cloud/rekognition-fixture-colours';
import { colourHint, parseLabelHint } from '../../local-cloud/rekognition-labels';
import { startRekognition } from '../../local-cloud/rekognition-stand-in';
import type { RunningRekognition } from '../../local-cloud/rekognition-stand-in';
import { sdkCredentials } from './credentials';
import { hintedJpeg, hugeJpeg } from './fixture-images';

let now = Date.now();
const registry = new CredentialRegistry(() => now);
const creds = registry.issue('us-east-1:alice', 3600);
let rek: RunningRekognition;

function client(
  tamper: Parameters<typeof sdkCredentials>[1] = {},
  extra: { maxAttempts?: number; systemClockOffset?: number } = {},
) {
  return new RekognitionClient({
    endpoint: rek.endpoint,
    region: 'us-east-1',
    credentials: sdkCredentials(creds, tamper),
    maxAttempts: extra.maxAttempts ?? 1,
    systemClockOffset: extra.systemClockOffset ?? 0,
  });
}
const detect = (
  bytes: Buffer,
  params: { MinConfidence?: number; MaxLabels?: number } = {},
  c = client(),
) => c.send(new DetectLabelsCommand({ Image: { Bytes: bytes }, ...params }));

const HINT =
  'labels: Dog=97.5, Animal=99.1>Dog, Golden Retriever=88#Animals and Pets, Beach=61, Sand=40';

beforeAll(async () => {
  rek = await startRekognition({ registry, region: 'us-east-1', now: () => now });
});
afterAll(async () => {
  await rek?.stop();
});

describe('Rekognition stand-in: DetectLabels', () => {
  it('answers the hinted labels in the real shape, sorted, above the default MinConfidence 55', async () => {
    const out = await detect(await hintedJpeg(HINT));
    expect(out.LabelModelVersion).toBe('3.0');
    expect(out.Labels!.map((l) => [l.Name, l.Confidence])).toEqual([
      ['Animal', 99.1],
      ['Dog', 97.5],
      ['Golden Retriever', 88],
      ['Beach', 61],
    ]);
    const dog = out.Labels!.find((l) => l.Name === 'Dog')!;
    expect(dog.Parents).toEqual([{ Name: 'Animal' }]);
    expect(out.Labels!.find((l) => l.Name === 'Golden Retriever')!.Categories).toEqual([
      { Name: 'Animals and Pets' },
    ]);
    expect(dog.Instances).toEqual([]);
    expect(dog.Aliases).toEqual([]);
  });

  it('honours MinConfidence and MaxLabels', async () => {
    const image = await hintedJpeg(HINT, 100, '#ffffff');
    expect((await detect(image, { MinConfidence: 90 })).Labels!.map((l) => l.Name)).toEqual([
      'Animal',
      'Dog',
    ]);
    expect((await detect(image, { MinConfidence: 30 })).Labels!.map((l) => l.Name)).toContain(
      'Sand',
    );
    expect((await detect(image, { MaxLabels: 1 })).Labels!.map((l) => l.Name)).toEqual(['Animal']);
    await expect(detect(image, { MinConfidence: 150 })).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('falls back to a deterministic dominant-colour label, and works for PNG', async () => {
    const blue = await sharp({
      create: { width: 90, height: 90, channels: 3, background: '#1e50dc' },
    })
      .png()
      .toBuffer();
    const first = await detect(blue);
    expect(first.Labels!.map((l) => l.Name)).toEqual(['Blue']);
    expect((await detect(blue)).Labels).toEqual(first.Labels);
    expect((await detect(await hintedJpeg(undefined, 100, '#dc1e1e'))).Labels![0]!.Name).toBe(
      'Red',
    );
    expect(rek.knobs.lastImageBytes).toBeGreaterThan(0);
  });

  it('refuses what AWS refuses: >5 MB, GIF, WebP, non-images, tiny images, S3Object', async () => {
    const huge = await hugeJpeg();
    expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
    await expect(detect(huge)).rejects.toMatchObject({ name: 'ImageTooLargeException' });
    const gif = await sharp({
      create: { width: 100, height: 100, channels: 3, background: '#000' },
    })
      .gif()
      .toBuffer();
    await expect(detect(gif)).rejects.toMatchObject({ name: 'InvalidImageFormatException' });
    const webp = await sharp({
      create: { width: 100, height: 100, channels: 3, background: '#000' },
    })
      .webp()
      .toBuffer();
    await expect(detect(webp)).rejects.toMatchObject({ name: 'InvalidImageFormatException' });
    await expect(detect(Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2]))).rejects.toMatchObject({
      name: 'InvalidImageFormatException',
    });
    await expect(detect(await hintedJpeg(HINT, 79))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await expect(
      client().send(
        new DetectLabelsCommand({ Image: { S3Object: { Bucket: 'b', Name: 'k.jpg' } } }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('stand-in'),
    });
  });

  it('verifies SigV4: unsigned, wrong secret, unknown key, stolen token, skewed clock, expired credentials', async () => {
    const image = await hintedJpeg(HINT);
    const unsigned = await fetch(rek.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'RekognitionService.DetectLabels',
      },
      body: JSON.stringify({ Image: { Bytes: image.toString('base64') } }),
    });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    await expect(detect(image, {}, client({ secretAccessKey: 'wrong' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    await expect(detect(image, {}, client({ accessKeyId: 'ASIANOTISSUED' }))).rejects.toMatchObject(
      { name: 'UnrecognizedClientException' },
    );
    await expect(detect(image, {}, client({ sessionToken: 'other' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(
      detect(image, {}, client({}, { systemClockOffset: -6 * 60_000 })),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringContaining('Signature expired'),
    });
    const short = registry.issue('us-east-1:bob', 600);
    const bobClient = new RekognitionClient({
      endpoint: rek.endpoint,
      region: 'us-east-1',
      credentials: sdkCredentials(short),
      maxAttempts: 1,
    });
    await detect(image, {}, bobClient);
    now += 601_000;
    try {
      await expect(detect(image, {}, bobClient)).rejects.toMatchObject({
        name: 'ExpiredTokenException',
      });
    } finally {
      now -= 601_000;
    }
    const wrongRegion = new RekognitionClient({
      endpoint: rek.endpoint,
      region: 'eu-west-1',
      credentials: sdkCredentials(creds),
      maxAttempts: 1,
    });
    await expect(detect(image, {}, wrongRegion)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });

  it('throttles and fails on demand, and the SDK retries through it', async () => {
    const image = await hintedJpeg(HINT);
    rek.knobs.throttleNext(1);
    await expect(detect(image)).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    rek.knobs.throttleNext(1, 'ThrottlingException');
    await expect(detect(image)).rejects.toMatchObject({ name: 'ThrottlingException' });
    rek.knobs.failNext(1);
    await expect(detect(image)).rejects.toMatchObject({
      name: 'InternalServerError',
      $metadata: { httpStatusCode: 500 },
    });
    const before = rek.knobs.calls;
    rek.knobs.throttleNext(2);
    const out = await detect(image, {}, client({}, { maxAttempts: 3 }));
    expect(out.Labels!.length).toBeGreaterThan(0);
    expect(rek.knobs.calls - before).toBe(3);
  });
});

describe('Rekognition stand-in: fixture colours', () => {
  const names = async (image: Buffer, c = client()) =>
    ((await detect(image, { MinConfidence: 50 }, c)).Labels ?? []).map((l) => l.Name);

  it('answers the built-in fixtures by their colour, after resizing and re-encoding', async () => {
    const dog = await sharp({
      create: { width: 2400, height: 1600, channels: 3, background: fixtureColours.dog.colour },
    })
      .png()
      .toBuffer();
    // What Shoebox sends: smaller, JPEG again, no metadata.
    const sent = await sharp(dog).resize(600).jpeg({ quality: 60 }).toBuffer();
    expect(await names(sent)).toEqual(['Animal', 'Dog', 'Mammal', 'Pet', 'Puppy']);
    const dogLabel = (await detect(sent)).Labels!.find((l) => l.Name === 'Dog')!;
    expect(dogLabel).toMatchObject({
      Confidence: 98.2,
      Parents: [{ Name: 'Animal' }, { Name: 'Mammal' }, { Name: 'Pet' }],
      Categories: [{ Name: 'Animals and Pets' }],
    });
    expect(await names(await hintedJpeg(undefined, 200, fixtureColours.cat.colour))).toContain(
      'Cat',
    );
    expect(await names(await hintedJpeg(undefined, 200, fixtureColours.beach.colour))).toContain(
      'Beach',
    );
  });

  it('takes the EXIF hint first, and a busy image of the same mean colour is no fixture', async () => {
    expect(
      await names(await hintedJpeg('labels: Zebra=99', 120, fixtureColours.dog.colour)),
    ).toEqual(['Zebra']);
    // Stripes of two colours whose mean is the dog colour: not near-solid, so a palette colour.
    const [r, g, b] = [0x8c, 0x5a, 0x2b];
    const stripes = Buffer.alloc(120 * 120 * 3);
    for (let i = 0; i < 120 * 120; i++) {
      const shift = Math.floor(i / 120) % 2 === 0 ? 40 : -40;
      stripes.set([r + shift, g + shift, b + shift], i * 3);
    }
    const busy = await sharp(stripes, { raw: { width: 120, height: 120, channels: 3 } })
      .jpeg()
      .toBuffer();
    expect(await names(busy)).toHaveLength(1);
    expect(await names(busy)).not.toContain('Dog');
  });

  it('learns colours from the knob and the start option, refusing bad ones', async () => {
    const teal = await hintedJpeg(undefined, 150, '#2a9d8f');
    expect(await names(teal)).not.toContain('Teapot');
    rek.knobs.hintColour('#2a9d8f', 'labels: Teapot=91.5, Kitchen=80>Teapot');
    expect(await names(teal)).toEqual(['Teapot', 'Kitchen']);
    expect((await detect(teal)).Labels![0]!.Parents).toEqual([{ Name: 'Kitchen' }]);
    expect(() => rek.knobs.hintColour('teal', 'labels: Teapot=91')).toThrow(/#rrggbb/);
    expect(() => rek.knobs.hintColour('#2a9d8f', 'Teapot')).toThrow(/not a label hint/);

    const other = await startRekognition({
      registry,
      region: 'us-east-1',
      colourHints: { '#d6336c': 'labels: Flamingo=88' },
    });
    try {
      const otherClient = new RekognitionClient({
        endpoint: other.endpoint,
        region: 'us-east-1',
        credentials: sdkCredentials(creds),
        maxAttempts: 1,
      });
      expect(await names(await hintedJpeg(undefined, 100, '#d6336c'), otherClient)).toEqual([
        'Flamingo',
      ]);
      // Built-in fixtures still work beside the option's.
      expect(
        await names(await hintedJpeg(undefined, 100, fixtureColours.cat.colour), otherClient),
      ).toContain('Cat');
    } finally {
      await other.stop();
    }
    expect(() => colourHint('#123', 'labels: X=1')).toThrow(/#rrggbb/);
  });
});

describe('label hint format', () => {
  it('parses names with spaces, parents and categories, and rejects garbage', () => {
    expect(parseLabelHint('no hint here')).toBeUndefined();
    expect(parseLabelHint('labels: Sky=80>Cloud, Cloud=70')).toEqual([
      {
        Name: 'Sky',
        Confidence: 80,
        Parents: [],
        Categories: [{ Name: 'Stand-in Hints' }],
        Aliases: [],
        Instances: [],
      },
      {
        Name: 'Cloud',
        Confidence: 70,
        Parents: [{ Name: 'Sky' }],
        Categories: [{ Name: 'Stand-in Hints' }],
        Aliases: [],
        Instances: [],
      },
    ]);
    expect(() => parseLabelHint('labels: Dog')).toThrow(/bad label hint/);
  });
});
