/**
 * Where the Rekognition stand-in's labels come from (test code, never shipped). Real labels need
 * Amazon's models, so the stand-in answers deterministically instead, by the first rule that fits:
 *
 * 1. A hint in the image's EXIF ImageDescription (IFD0), written by test fixtures:
 *      `labels: Dog=97.5, Animal=99.1>Dog>Cat, Beach=61#Nature`
 *    Entries are separated by commas. Each is `Name=confidence`, optionally followed by
 *    `>Child` (repeatable: this label is a parent of Child, so Child's `Parents` list it) and
 *    `#Category` (its `Categories`; default "Stand-in Hints"). Names may contain spaces.
 *    Only images sent as they are keep their EXIF: Shoebox strips it before labelling.
 * 2. A fixture colour: the image is near-solid (every channel's standard deviation at most
 *    `maxFixtureDeviation`) and its mean colour lies within `colourTolerance` of a registered
 *    colour; the answer is that colour's hint (same format as 1). This survives what Shoebox does
 *    to a photo before labelling (resize, re-encode, strip metadata). Built-in colours for dog,
 *    cat and beach are in rekognition-fixture-colours.ts; tests register more.
 * 3. Otherwise one colour label from the image's dominant colour (sharp `stats().dominant`),
 *    nearest of a small palette, e.g. "Blue"; its confidence is 100 minus the colour distance,
 *    clamped to 50–99, in the category "Colors and Visual Composition".
 */
import exifr from 'exifr';
import sharp from 'sharp';
import { colourTolerance, fixtureColours } from './rekognition-fixture-colours';

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

/** A fixture colour and the hint the stand-in answers for it (rule 2). */
export interface ColourHint {
  readonly rgb: readonly [number, number, number];
  readonly hint: string;
}

/** A fixture is near-solid: no channel may vary more than this (standard deviation, 0–255). */
export const maxFixtureDeviation = 24;

/** `#rrggbb` as numbers; throws on anything else, naming it. */
export function parseColour(text: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (!match) throw new Error(`not a #rrggbb colour: ${text}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** A colour hint, checked now so a bad one fails the test that registers it, not a request. */
export function colourHint(colour: string, hint: string): ColourHint {
  if (!parseLabelHint(hint)) throw new Error(`not a label hint (labels: …): ${hint}`);
  return { rgb: parseColour(colour), hint };
}

/** The built-in fixture colours (dog, cat, beach). */
export function builtInColourHints(): ColourHint[] {
  return Object.values(fixtureColours).map(({ colour, hint }) => colourHint(colour, hint));
}

/** The hint of the registered colour nearest the image's mean, if it is a near-solid fixture. */
export async function colourHintFor(
  image: Buffer,
  hints: readonly ColourHint[],
): Promise<string | undefined> {
  const { channels } = await sharp(image).stats();
  const colour =
    channels.length >= 3 ? channels.slice(0, 3) : [channels[0]!, channels[0]!, channels[0]!];
  if (colour.some((channel) => channel.stdev > maxFixtureDeviation)) return undefined;
  const [r, g, b] = colour.map((channel) => channel.mean) as [number, number, number];
  let best: { hint: string; distance: number } | undefined;
  for (const { rgb, hint } of hints) {
    const distance = Math.hypot(r - rgb[0], g - rgb[1], b - rgb[2]);
    if (distance <= colourTolerance && (!best || distance < best.distance))
      best = { hint, distance };
  }
  return best?.hint;
}

/**
 * Labels for an (already validated) JPEG or PNG: the EXIF hint if any, else a fixture colour's
 * hint, else the palette colour.
 */
export async function labelsFor(
  image: Buffer,
  colourHints: readonly ColourHint[] = builtInColourHints(),
): Promise<DetectedLabel[]> {
  const exif = (await exifr.parse(image, { pick: ['ImageDescription'] }).catch(() => undefined)) as
    { ImageDescription?: unknown } | undefined;
  const description = exif?.ImageDescription;
  const hinted = typeof description === 'string' ? parseLabelHint(description) : undefined;
  if (hinted) return hinted;
  const fixture = await colourHintFor(image, colourHints);
  return fixture ? parseLabelHint(fixture)! : [await colourLabel(image)];
}
