import type { AppSettings } from '../../contract/settings';

export type NumberSetting = keyof Pick<
  AppSettings,
  'maxLabels' | 'uploadConcurrency' | 'partConcurrency' | 'originalsCacheMb'
>;

/**
 * The ranges main accepts (contract/schemas.ts `settingsPatchRequest`), repeated here because
 * the renderer does not bundle zod; checked first so a person reads words, not a schema error.
 */
export const settingLimits: Record<NumberSetting, { readonly min: number; readonly max: number }> =
  {
    maxLabels: { min: 1, max: 100 },
    uploadConcurrency: { min: 1, max: 8 },
    partConcurrency: { min: 1, max: 16 },
    originalsCacheMb: { min: 100, max: 1_000_000 },
  };

export type ParsedSetting = { ok: true; value: number } | { ok: false; message: string };

/** A whole number as typed in a settings field, within `min`–`max`. */
export function parseWholeNumber(text: string, min: number, max: number): ParsedSetting {
  const compact = text.trim().replace(/[\s,_]/g, '');
  const value = Number(compact);
  if (compact === '' || !Number.isInteger(value) || value < min || value > max) {
    return {
      ok: false,
      message: `Enter a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}.`,
    };
  }
  return { ok: true, value };
}
