import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../contract/import';
import {
  addRejected,
  applyImportProgress,
  fileCounts,
  isRunning,
} from '../../../renderer/state/import-jobs';

function progress(overrides: Partial<ImportProgress>): ImportProgress {
  return {
    jobId: 'job-1',
    state: 'importing',
    total: 3,
    done: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    photosPerSecond: 0,
    newFailures: [],
    newDuplicates: [],
    ...overrides,
  };
}

describe('applyImportProgress', () => {
  it('keeps every failure and duplicate reported across events', () => {
    const first = applyImportProgress(
      {},
      progress({
        done: 1,
        newFailures: [{ path: 'a.jpg', reason: 'empty-file', message: 'empty' }],
      }),
    );
    const second = applyImportProgress(
      first,
      progress({
        done: 3,
        state: 'finished',
        newFailures: [{ path: 'b.jpg', reason: 'truncated', message: 'cut short' }],
        newDuplicates: [{ path: 'c.jpg', existingId: 7, existingFilename: 'c-original.jpg' }],
      }),
    );
    const job = second['job-1']!;
    expect(job.failures.map((f) => f.path)).toEqual(['a.jpg', 'b.jpg']);
    expect(job.duplicates.map((d) => d.existingFilename)).toEqual(['c-original.jpg']);
    expect(job.progress.done).toBe(3);
    expect(isRunning(job)).toBe(false);
    expect(first['job-1']!.failures).toHaveLength(1); // the earlier state is not changed
  });

  it('puts refused uploads first, before or after the first progress event', () => {
    const rejected = [{ path: 'huge.tif', reason: 'too-large' as const, message: 'too big' }];
    const before = addRejected({}, 'job-1', rejected);
    expect(isRunning(before['job-1']!)).toBe(true);
    const after = applyImportProgress(
      before,
      progress({ newFailures: [{ path: 'x.jpg', reason: 'empty-file', message: 'empty' }] }),
    );
    expect(after['job-1']!.failures.map((f) => f.path)).toEqual(['huge.tif', 'x.jpg']);
  });

  it('counts refused files among the files looked at, so the headline adds up with the failures', () => {
    const rejected = [
      { path: 'huge.tif', reason: 'too-large' as const, message: 'too big' },
      { path: 'gone.jpg', reason: 'unreadable' as const, message: 'could not read' },
    ];
    const started = applyImportProgress({}, progress({ total: 3, done: 1 }));
    const refused = addRejected(started, 'job-1', rejected);
    const finished = applyImportProgress(
      refused,
      progress({ total: 3, done: 3, state: 'finished' }),
    );
    expect(fileCounts(refused['job-1']!)).toEqual({ done: 3, total: 5 });
    expect(fileCounts(finished['job-1']!)).toEqual({ done: 5, total: 5 });
  });
});
