import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../contract/result';
import { problemText } from '../../../renderer/state/problem-words';

describe('the words for a failed request', () => {
  it('shows the host’s own sentence, which names what was wrong', () => {
    expect(
      problemText({ code: 'not-found', message: 'There is no photo 12 in this library.' }),
    ).toBe('There is no photo 12 in this library.');
  });

  it('keeps to its own words for a code whose words say it all, whatever the host adds', () => {
    expect(
      problemText({ code: 'unknown-channel', message: 'There is no operation named “x.y”.' }),
    ).toBe('This window and Shoebox are different versions; restart Shoebox.');
    expect(problemText({ code: 'cancelled', message: 'export.start was cancelled' })).toBe(
      'Cancelled.',
    );
  });

  it('has words of its own for every code, for an answer without a sentence', () => {
    const seen = new Set<string>();
    for (const code of errorCodes) {
      const words = problemText({ code, message: '  ' });
      expect(words.length, code).toBeGreaterThan(8);
      seen.add(words);
    }
    expect(seen.size).toBe(errorCodes.length);
  });
});
