/**
 * Fixture colours the Rekognition stand-in knows (test code, never shipped). Shoebox sends
 * DetectLabels a resized JPEG with every bit of metadata stripped, so a label hint written into a
 * fixture's EXIF never arrives. Colour does: a fixture that is one solid colour keeps that mean
 * colour through resizing and re-encoding, so the stand-in matches the image's mean colour
 * against this table (within `colourTolerance`) and answers the hint registered for it.
 *
 * The colours are odd on purpose, at least twice the tolerance from each other and from the
 * palette colours, and the image must be near-solid too, so an ordinary photo is never taken for
 * a fixture. `makeLabelledPhoto(file, 'dog')` in
 * test/support/make-photos.ts makes such a photo; tests may register more colours with
 * `knobs.hintColour(colour, hint)` or the `colourHints` start option.
 */

/** How far (Euclidean, 0–255 per channel) an image's mean colour may be from a fixture's. */
export const colourTolerance = 12;

/** The built-in fixtures: a colour and the label hint (rekognition-labels.ts format) it stands for. */
export const fixtureColours = {
  /** Dog 98.2 with parents Animal, Mammal, Pet; Puppy at 58.3 sits below the default slider. */
  dog: {
    colour: '#8c5a2b',
    hint:
      'labels: Animal=99.1>Dog>Mammal>Pet>Puppy#Animals and Pets, Mammal=97.6>Dog#Animals and Pets, ' +
      'Pet=96.4>Dog#Animals and Pets, Dog=98.2>Puppy#Animals and Pets, Puppy=58.3#Animals and Pets',
  },
  /** Cat 97.7 with parents Animal, Mammal, Pet; Kitten at 61.2. */
  cat: {
    colour: '#5b6f9e',
    hint:
      'labels: Animal=99.0>Cat>Mammal>Pet>Kitten#Animals and Pets, Mammal=97.1>Cat#Animals and Pets, ' +
      'Pet=95.8>Cat#Animals and Pets, Cat=97.7>Kitten#Animals and Pets, Kitten=61.2#Animals and Pets',
  },
  /** Beach 96.9 with parents Nature, Outdoors; Sea 93.5, Sand 88.7, Sunset 57.4. */
  beach: {
    colour: '#e3c27a',
    hint:
      'labels: Nature=99.3>Beach>Sea>Sand#Nature and Outdoors, Outdoors=98.4>Beach#Nature and Outdoors, ' +
      'Beach=96.9#Nature and Outdoors, Sea=93.5#Nature and Outdoors, Sand=88.7#Nature and Outdoors, ' +
      'Sunset=57.4#Nature and Outdoors',
  },
} as const satisfies Record<string, { colour: string; hint: string }>;

export type FixtureName = keyof typeof fixtureColours;
