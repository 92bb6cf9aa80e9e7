export { settingLimits, type NumberSetting } from '../../contract/settings';

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
