import { z } from 'zod';
import type { LabelEdit } from './photo-meta';
import { searchWords } from './search-words';

/** A label as the catalog stores it (the `labels` table). */
export interface EffectiveLabel {
  readonly name: string;
  /** 0–100; the person's own labels are 100. */
  readonly confidence: number;
  readonly parents: readonly string[];
  readonly categories: readonly string[];
  readonly source: 'rekognition' | 'user';
}

/** One row of `label_terms`: a word of a label or of its parents, at that label's confidence. */
export interface LabelTerm {
  readonly term: string;
  readonly confidence: number;
}

// Only the fields Shoebox uses; the rest of the answer is kept whole in `label_results.raw`.
// Parsed entry by entry because the answer may come from another device's metadata document.
const named = z.object({ Name: z.string().trim().min(1) });
const rawLabel = z.object({
  Name: z.string().trim().min(1).max(100),
  Confidence: z.number(),
  Parents: z.array(z.unknown()).optional(),
  Categories: z.array(z.unknown()).optional(),
});
const rawAnswer = z.object({ Labels: z.array(z.unknown()) });

function namesOf(list: readonly unknown[] | undefined): string[] {
  const names: string[] = [];
  for (const item of list ?? []) {
    const parsed = named.safeParse(item);
    if (parsed.success && !names.includes(parsed.data.Name)) names.push(parsed.data.Name);
  }
  return names;
}

/**
 * Rekognition's labels from a DetectLabels answer, one per name (case-insensitively; the more
 * confident wins). Entries that are not labels are skipped rather than failing the whole answer.
 */
export function labelsOfAnswer(raw: unknown): EffectiveLabel[] {
  const answer = rawAnswer.safeParse(raw);
  if (!answer.success) return [];
  const byName = new Map<string, EffectiveLabel>();
  for (const entry of answer.data.Labels) {
    const parsed = rawLabel.safeParse(entry);
    if (!parsed.success) continue;
    const { Name, Confidence, Parents, Categories } = parsed.data;
    const key = Name.toLowerCase();
    const confidence = Math.min(100, Math.max(0, Confidence));
    if ((byName.get(key)?.confidence ?? -1) >= confidence) continue;
    byName.set(key, {
      name: Name,
      confidence,
      parents: namesOf(Parents),
      categories: namesOf(Categories),
      source: 'rekognition',
    });
  }
  return [...byName.values()];
}

/**
 * The labels a photo shows: Rekognition's (`raw` may be null: not labelled yet), minus the
 * person's removals, plus their additions at confidence 100. A removed name is also dropped from
 * other labels' parents, so "not a dog" is not found again through "Puppy"'s parent "Dog".
 */
export function effectiveLabels(raw: unknown, edits: readonly LabelEdit[]): EffectiveLabel[] {
  const byName = new Map(labelsOfAnswer(raw).map((label) => [label.name.toLowerCase(), label]));
  const removed = new Set<string>();
  for (const edit of edits) {
    const key = edit.name.toLowerCase();
    if (edit.action === 'remove') {
      byName.delete(key);
      removed.add(key);
      continue;
    }
    const seen = byName.get(key);
    // Confirming Rekognition's label keeps its spelling, parents and categories.
    byName.set(key, {
      name: seen?.name ?? edit.name,
      confidence: 100,
      parents: seen?.parents ?? [],
      categories: seen?.categories ?? [],
      source: 'user',
    });
  }
  return [...byName.values()].map((label) => ({
    ...label,
    parents: label.parents.filter((parent) => !removed.has(parent.toLowerCase())),
  }));
}

/** Every word of every label's name and parents' names, at the best confidence it appears with. */
export function labelTerms(labels: readonly EffectiveLabel[]): LabelTerm[] {
  const best = new Map<string, number>();
  for (const label of labels) {
    for (const text of [label.name, ...label.parents]) {
      for (const term of searchWords(text)) {
        best.set(term, Math.max(best.get(term) ?? 0, label.confidence));
      }
    }
  }
  return [...best].map(([term, confidence]) => ({ term, confidence }));
}
