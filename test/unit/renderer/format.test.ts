import { describe, expect, it } from 'vitest';
import {
  formatConfidence,
  formatDate,
  formatDuration,
  formatWhen,
  photoAltText,
} from '../../../renderer/format';
import { photoSummary } from './fake-bridge';

describe('photoAltText', () => {
  it('leads with the top labels, then the file name and date', () => {
    const photo = photoSummary({
      filename: 'IMG_1.jpg',
      topLabels: [
        { name: 'Dog', confidence: 98 },
        { name: 'Animal', confidence: 97 },
        { name: 'Pet', confidence: 90 },
      ],
    });
    expect(photoAltText(photo)).toBe(`Dog, Animal, Pet — IMG_1.jpg, ${formatDate(photo.sortAt)}`);
  });

  it('is the file name and date when there are no labels', () => {
    const photo = photoSummary({ filename: 'sunset.jpg' });
    expect(photoAltText(photo)).toBe(`sunset.jpg, ${formatDate(photo.sortAt)}`);
  });

  it('says when an undated photo was added, never that it was taken then', () => {
    const photo = photoSummary({ filename: 'scan.png', dated: false });
    expect(photoAltText(photo)).toBe(`scan.png, added ${formatDate(photo.sortAt)}`);
  });
});

describe('small formats', () => {
  it('rounds confidence and durations as a person would say them', () => {
    expect(formatConfidence(97.6)).toBe('98%');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(170)).toBe('3 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
  });

  it('says a time of day for today and a date otherwise', () => {
    const now = new Date(2026, 10, 25, 18, 0).getTime();
    const earlierToday = new Date(2026, 10, 25, 9, 30).getTime();
    const lastWeek = new Date(2026, 10, 18, 9, 30).getTime();
    expect(formatWhen(earlierToday, now)).not.toBe(formatDate(earlierToday));
    expect(formatWhen(lastWeek, now)).toBe(formatDate(lastWeek));
  });
});
