import { z } from 'zod';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const epochMs = z.number().int().nonnegative();

/** The longest camera name a document carries. */
export const maxCameraLength = 200;

export const labelEditSchema = z.object({
  name: z.string().min(1).max(100),
  action: z.enum(['add', 'remove']),
  at: epochMs,
});
export type LabelEdit = z.infer<typeof labelEditSchema>;

/**
 * `users/<identityId>/meta/<sha256>.json` (docs/architecture.md): what another device needs to show
 * the photo without its original, and everything the person or Rekognition added to it.
 */
export const photoMetaSchema = z.object({
  version: z.literal(1),
  sha256,
  format: z.string().min(1).max(10),
  byteSize: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  orientation: z.number().int().nullable(),
  takenAt: z.number().int().nullable(),
  importedAt: epochMs,
  camera: z.string().max(maxCameraLength).nullable(),
  filename: z.string().min(1).max(1000),
  description: z.object({ text: z.string().max(2000), updatedAt: epochMs }),
  /**
   * Rekognition's answer, kept whole (`raw` is the DetectLabels response body). Written by the
   * cloud labeller (infra/labeller/), it may instead carry `error`: why the photo could not be
   * labelled (raw null), and `traceId`: the X-Ray trace of the labelling.
   */
  labels: z
    .object({
      raw: z.unknown(),
      modelVersion: z.string().nullable(),
      labelledAt: epochMs,
      error: z.string().min(1).max(500).optional(),
      traceId: z.string().max(100).optional(),
    })
    .nullable(),
  /** The person's corrections, one per label name (the latest wins). */
  labelEdits: z.array(labelEditSchema).max(1000),
  updatedAt: epochMs,
});
export type PhotoMeta = z.infer<typeof photoMetaSchema>;

/** Parses a metadata document's text; null when it is not one (the caller names the key). */
export function parsePhotoMeta(text: string): PhotoMeta | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = photoMetaSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * Merges two versions of one photo's document so nothing is lost: the later description wins
 * (ties go to the longer text, then the larger, so every device picks the same one), the later
 * labelling wins, and label edits merge name by name with the later edit winning.
 */
export function mergePhotoMeta(a: PhotoMeta, b: PhotoMeta): PhotoMeta {
  return {
    ...(a.updatedAt >= b.updatedAt ? a : b),
    description: laterDescription(a.description, b.description),
    labels: laterLabels(a.labels, b.labels),
    labelEdits: mergeLabelEdits(a.labelEdits, b.labelEdits),
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
  };
}

function laterDescription(a: PhotoMeta['description'], b: PhotoMeta['description']) {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  if (a.text.length !== b.text.length) return a.text.length > b.text.length ? a : b;
  return a.text >= b.text ? a : b;
}

function laterLabels(a: PhotoMeta['labels'], b: PhotoMeta['labels']): PhotoMeta['labels'] {
  if (!a || !b) return a ?? b;
  return a.labelledAt >= b.labelledAt ? a : b;
}

export function mergeLabelEdits(a: readonly LabelEdit[], b: readonly LabelEdit[]): LabelEdit[] {
  const byName = new Map<string, LabelEdit>();
  for (const edit of [...a, ...b]) {
    const key = edit.name.toLowerCase();
    const seen = byName.get(key);
    if (!seen || edit.at > seen.at || (edit.at === seen.at && edit.action === 'remove')) {
      byName.set(key, edit);
    }
  }
  return [...byName.values()].sort((x, y) => x.name.localeCompare(y.name));
}
