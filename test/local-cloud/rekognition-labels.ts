/**
 * Where the Rekognition stand-in's labels come from (test code, never shipped). Real labels need
 * Amazon's models, so the stand-in answers deterministically instead:
 *
 * 1. A hint in the image's EXIF ImageDescription (IFD0), written by test fixtures:
 *      `labels: Dog=97.5, Animal=99.1>Dog>Cat, Beach=61#Nature`
 *    Entries are separated by commas. Each is `Name=confidence`, optionally followed by
 *    `>Child` (repeatable: this label is a parent of Child, so Child's `Parents` list it) and
 *    `#Category` (its `Categories`; default "Stand-in Hints"). Names may contain spaces.
 * 2. No hint: one colour label from the image's dominant colour (sharp `stats().dominant`),
 *    nearest of a small palette, e.g. "Blue"; its confidence is 100 minus the colour distance,
 *    clamped to 50–99, in the category "Colors and Visual Composition".
 */
import exifr from 'exifr';
import sharp from 'sharp';

export interface DetectedLabel {
  Name: string;
  Confidence: number;
  Parents: { Name: string }[];
  Categories: { Name: string }[];
  Aliases: { Name: string }[];
  Instances: never[];
}

const HINT_PREFIX = /^\s*labels:\s*/i;

/** Parses a `labels: …` hint; undefined when the text is not one. */
export function parseLabelHint(text: string): DetectedLabel[] | undefined {
  if (!HINT_PREFIX.test(text)) return undefined;
  const entries = text
    .replace(HINT_PREFIX, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const labels = new Map<string, DetectedLabel>();
  const parentsOf = new Map<string, string[]>();
  for (const entry of entries) {
    const match = /^([^=]+)=\s*(\d+(?:\.\d+)?)\s*((?:>[^>#]+)*)\s*(?:#(.+))?$/.exec(entry);
    if (!match) throw new Error(`bad label hint entry: ${entry}`);
    const name = match[1]!.trim();
    const children = (match[3] ?? '')
      .split('>')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    for (const child of children) parentsOf.set(child, [...(parentsOf.get(child) ?? []), name]);
    labels.set(name, {
      Name: name,
      Confidence: Math.min(100, Number(match[2])),
      Parents: [],
      Categories: [{ Name: match[4]?.trim() ?? 'Stand-in Hints' }],
      Aliases: [],
      Instances: [],
    });
  }
  for (const [child, parents] of parentsOf) {
    const label = labels.get(child);
    if (label) label.Parents = parents.map((Name) => ({ Name }));
  }
  return [...labels.values()];
}

const PALETTE: [string, number, number, number][] = [
  ['Red', 220, 30, 30],
  ['Orange', 240, 140, 20],
  ['Yellow', 240, 220, 40],
  ['Green', 40, 170, 60],
  ['Blue', 30, 80, 220],
  ['Purple', 130, 50, 170],
  ['Pink', 240, 150, 190],
  ['Brown', 120, 75, 40],
  ['White', 245, 245, 245],
  ['Gray', 128, 128, 128],
  ['Black', 10, 10, 10],
];

/** The fallback label: the palette colour nearest to the image's dominant colour. */
export async function colourLabel(image: Buffer): Promise<DetectedLabel> {
  const { dominant } = await sharp(image).stats();
  let best = { name: 'Gray', distance: Number.POSITIVE_INFINITY };
  for (const [name, r, g, b] of PALETTE) {
    const distance = Math.hypot(dominant.r - r, dominant.g - g, dominant.b - b);
    if (distance < best.distance) best = { name, distance };
  }
  return {
    Name: best.name,
    Confidence: Math.round(Math.max(50, Math.min(99, 100 - best.distance)) * 1000) / 1000,
    Parents: [],
    Categories: [{ Name: 'Colors and Visual Composition' }],
    Aliases: [],
    Instances: [],
  };
}

/** Labels for an (already validated) JPEG or PNG: the EXIF hint if any, else the colour. */
export async function labelsFor(image: Buffer): Promise<DetectedLabel[]> {
  const exif = (await exifr.parse(image, { pick: ['ImageDescription'] }).catch(() => undefined)) as
    { ImageDescription?: unknown } | undefined;
  const description = exif?.ImageDescription;
  const hinted = typeof description === 'string' ? parseLabelHint(description) : undefined;
  return hinted ?? [await colourLabel(image)];
}
