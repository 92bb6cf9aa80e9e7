import type { ImportDuplicate, ImportFailure, ImportProgress } from '../../contract/import';

export interface ImportJobView {
  readonly progress: ImportProgress;
  readonly failures: readonly ImportFailure[];
  readonly duplicates: readonly ImportDuplicate[];
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
  const job = jobs[jobId] ?? { progress: emptyProgress(jobId), failures: [], duplicates: [] };
  return { ...jobs, [jobId]: { ...job, failures: [...rejected, ...job.failures] } };
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
