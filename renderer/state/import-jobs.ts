import type { ImportDuplicate, ImportFailure, ImportProgress } from '../../contract/import';

export interface ImportJobView {
  readonly progress: ImportProgress;
  readonly failures: readonly ImportFailure[];
  readonly duplicates: readonly ImportDuplicate[];
  /** Files refused before the job began (not sent, or refused by the host): not in its total. */
  readonly refused: number;
}

/** Folds one progress event into the jobs shown, keeping every failure and duplicate seen. */
export function applyImportProgress(
  jobs: Readonly<Record<string, ImportJobView>>,
  progress: ImportProgress,
): Record<string, ImportJobView> {
  const previous = jobs[progress.jobId];
  return {
    ...jobs,
    [progress.jobId]: {
      progress,
      refused: previous?.refused ?? 0,
      failures: [...(previous?.failures ?? []), ...progress.newFailures],
      duplicates: [...(previous?.duplicates ?? []), ...progress.newDuplicates],
    },
  };
}

/** Adds failures the host found before the job began (refused uploads). */
export function addRejected(
  jobs: Readonly<Record<string, ImportJobView>>,
  jobId: string,
  rejected: readonly ImportFailure[],
): Record<string, ImportJobView> {
  if (rejected.length === 0) return { ...jobs };
  const job = jobs[jobId] ?? {
    progress: emptyProgress(jobId),
    failures: [],
    duplicates: [],
    refused: 0,
  };
  return {
    ...jobs,
    [jobId]: {
      ...job,
      failures: [...rejected, ...job.failures],
      refused: job.refused + rejected.length,
    },
  };
}

/** Files looked at so far and in all, counting the ones refused before the job began. */
export interface FileCounts {
  readonly done: number;
  readonly total: number;
}

export function fileCounts(job: ImportJobView): FileCounts {
  return { done: job.progress.done + job.refused, total: job.progress.total + job.refused };
}

export function isRunning(job: ImportJobView): boolean {
  return job.progress.state === 'scanning' || job.progress.state === 'importing';
}

function emptyProgress(jobId: string): ImportProgress {
  return {
    jobId,
    state: 'scanning',
    total: 0,
    done: 0,
    imported: 0,
    duplicates: 0,
    failed: 0,
    photosPerSecond: 0,
    newFailures: [],
    newDuplicates: [],
  };
}
