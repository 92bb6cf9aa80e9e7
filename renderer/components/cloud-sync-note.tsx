import { useState } from 'react';
import type { CloudStatus } from '../../contract/cloud';
import { formatWhen } from '../format';
import { selectSignedIn, useAuth } from '../state/auth-store';
import { useCloud } from '../state/cloud-store';

/** A quiet word in the toolbar on syncing with the cloud: running, failed, or when it last ran. */
export function CloudSyncNote() {
  const signedIn = useAuth(selectSignedIn);
  const sync = useCloud((state) => state.status?.sync ?? null);
  // When the note first showed; past midnight a sync from "today" shows as a date, still true.
  const [now] = useState(() => Date.now());
  if (!signedIn || !sync) return null;
  const text = syncText(sync, now);
  if (!text) return null;
  return (
    <span className={`sync-note ${sync.state}`} title={sync.message ?? undefined}>
      {text}
    </span>
  );
}

function syncText(sync: CloudStatus['sync'], now: number): string | null {
  switch (sync.state) {
    case 'running':
      return 'Syncing…';
    case 'failed':
      return 'Sync failed';
    case 'idle':
      return sync.lastAt === null ? null : `Synced ${formatWhen(sync.lastAt, now)}`;
  }
}
