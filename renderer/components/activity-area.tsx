import { useState } from 'react';
import type { LabelProgress } from '../../contract/labels';
import { formatCount, plural } from '../format';
import { selectSignedIn, useAuth } from '../state/auth-store';
import { useCloud } from '../state/cloud-store';
import { cloudHeadline, cloudPanelVisible } from '../state/cloud-view';
import { useShallow } from '../state/create-store';
import { fileCounts, isRunning } from '../state/import-jobs';
import { useExports } from '../state/export-store';
import { useImports } from '../state/import-store';
import { useLabels } from '../state/labels-store';
import { CloudPanel } from './cloud-panel';
import { ExportPanel } from './export-panel';
import { ImportPanel } from './import-panel';

/**
 * One place for work in progress: imports, uploads and labelling, each a part of one area at the
 * bottom that a click folds down to a single line (which still says what is going on).
 */
export function ActivityArea() {
  const [collapsed, setCollapsed] = useState(false);
  const summary = useActivitySummary();
  if (summary.length === 0) return null;
  return (
    <section className={collapsed ? 'activity collapsed' : 'activity'} aria-label="Activity">
      <button
        type="button"
        className="activity-toggle"
        aria-expanded={!collapsed}
        onClick={() => setCollapsed(!collapsed)}
      >
        <span aria-hidden="true" className="chevron">
          {collapsed ? '▸' : '▾'}
        </span>
        <span>{collapsed ? summary.join(' · ') : 'Activity'}</span>
      </button>
      {!collapsed && (
        <div className="activity-parts">
          <ImportPanel />
          <CloudPanel />
          <LabelActivity />
          <ExportPanel />
        </div>
      )}
    </section>
  );
}

/** One short phrase per part that has something to say, for the folded line. */
function useActivitySummary(): string[] {
  const order = useImports(useShallow((state) => state.order));
  const jobsById = useImports((state) => state.jobs);
  const preparing = useImports((state) => state.preparing);
  const startFailed = useImports((state) => state.startError !== null);
  const jobs = order.map((id) => jobsById[id]);
  const cloud = useCloud((state) => state.status);
  const dismissed = useCloud((state) => state.dismissed);
  const labelling = useLabelling();
  const exportOrder = useExports(useShallow((state) => state.order));
  const exportJobs = useExports((state) => state.jobs);
  const exportFailed = useExports((state) => state.startError !== null);
  const parts: string[] = [];
  const running = jobs.filter((job) => job && isRunning(job));
  if (preparing) parts.push('Reading files…');
  if (running.length > 0) {
    const counts = running.map((job) => (job ? fileCounts(job) : { done: 0, total: 0 }));
    const done = counts.reduce((sum, count) => sum + count.done, 0);
    const total = counts.reduce((sum, count) => sum + count.total, 0);
    parts.push(`Importing ${formatCount(done)} of ${formatCount(total)}`);
  } else if (jobs.length > 0 || startFailed) parts.push('Import finished');
  if (cloud && cloudPanelVisible(cloud, dismissed)) parts.push(cloudHeadline(cloud));
  if (labelling) parts.push(labellingText(labelling));
  const exports = exportOrder.map((id) => exportJobs[id]);
  const exporting = exports.filter((job) => job?.state === 'running');
  if (exporting.length > 0) {
    const done = exporting.reduce((sum, job) => sum + (job?.done ?? 0), 0);
    const total = exporting.reduce((sum, job) => sum + (job?.total ?? 0), 0);
    parts.push(`Exporting ${formatCount(done)} of ${formatCount(total)}`);
  } else if (exports.length > 0 || exportFailed) parts.push('Export finished');
  return parts;
}

/** Labelling's progress while photos wait for it, signed in (it runs in the person's account). */
function useLabelling(): LabelProgress | null {
  const progress = useLabels((state) => state.progress);
  const signedIn = useAuth(selectSignedIn);
  return signedIn && progress && progress.waiting > 0 ? progress : null;
}

function labellingText(progress: LabelProgress): string {
  const total = progress.labelled + progress.waiting + progress.failed;
  return `Labelling: ${formatCount(progress.labelled)} of ${plural(total, 'photo')} done`;
}

function LabelActivity() {
  const progress = useLabelling();
  if (!progress) return null;
  const total = progress.labelled + progress.waiting + progress.failed;
  return (
    <section className="label-activity" aria-label="Labelling">
      <strong>{labellingText(progress)}</strong>
      <progress
        aria-label="Labelling progress"
        max={Math.max(total, 1)}
        value={progress.labelled}
      />
      <p className="cloud-stats">
        {plural(progress.waiting, 'photo')} waiting
        {progress.failed > 0 && ` · ${formatCount(progress.failed)} couldn’t be labelled`}
      </p>
    </section>
  );
}
