import type { z } from 'zod';

/** Parses a document's JSON text with its schema; null when it is not one (the caller names it). */
export function parseDocument<S extends z.ZodType>(schema: S, text: string): z.infer<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
