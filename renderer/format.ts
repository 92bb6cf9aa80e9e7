import type { PhotoSummary } from '../contract/photos';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const numberFormat = new Intl.NumberFormat();

export const formatDate = (epochMs: number) => dateFormat.format(epochMs);
export const formatDateTime = (epochMs: number) => dateTimeFormat.format(epochMs);
export const formatCount = (value: number) => numberFormat.format(value);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A tile's alternative text: what a screen reader says for a photo. */
export function photoAltText(photo: PhotoSummary): string {
  return `${photo.filename}, ${formatDate(photo.sortAt)}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
