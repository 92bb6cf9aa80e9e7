import type { PhotoSummary } from '../contract/photos';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat();

export const formatDate = (epochMs: number) => dateFormat.format(epochMs);
export const formatDateTime = (epochMs: number) => dateTimeFormat.format(epochMs);
export const formatCount = (value: number) => numberFormat.format(value);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** A label's confidence (0–100) as a chip shows it: "98%". */
export const formatConfidence = (confidence: number) => `${Math.round(confidence)}%`;

/** A time still to go, rounded as a person would say it: "40 s", "3 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** A moment as briefly as it stays clear: the time when it was today, the date otherwise. */
export function formatWhen(epochMs: number, now: number): string {
  return new Date(epochMs).toDateString() === new Date(now).toDateString()
    ? timeFormat.format(epochMs)
    : dateFormat.format(epochMs);
}

/**
 * A tile's alternative text: what a screen reader says for a photo. Its best labels lead, since
 * they say what is in it: "Dog, Animal, Pet — IMG_1.jpg, 3 Jun 2023"; without labels the file
 * name and date. A photo whose file gives no date says when it was added, not "taken".
 */
export function photoAltText(
  photo: Pick<PhotoSummary, 'filename' | 'sortAt' | 'dated' | 'topLabels'>,
) {
  const when = photo.dated ? formatDate(photo.sortAt) : `added ${formatDate(photo.sortAt)}`;
  const named = `${photo.filename}, ${when}`;
  if (photo.topLabels.length === 0) return named;
  return `${photo.topLabels.map((label) => label.name).join(', ')} — ${named}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
