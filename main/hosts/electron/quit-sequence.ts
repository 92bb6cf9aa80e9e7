/** The part of Electron's will-quit event the sequence uses. */
export interface QuitEvent {
  preventDefault(): void;
}

/** How long quitting waits for the core before it goes anyway. */
export const closeDeadlineMs = 5_000;

/**
 * Quitting waits for the core to close (imports stopped, requests aborted, catalog closed): the
 * first will-quit is held back while `close` runs, then the app quits again and this time lets it
 * go. A failed close still quits, and so does a close still running after `deadlineMs`: the
 * catalog is sound at any instant and unfinished work resumes next start (docs/reliability.md).
 */
export function quitSequence(
  close: () => Promise<void>,
  quit: () => void,
  deadlineMs = closeDeadlineMs,
): (event: QuitEvent) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  const finish = () => {
    if (state === 'closed') return;
    state = 'closed';
    quit();
  };
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const deadline = setTimeout(finish, deadlineMs);
    void close()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(deadline);
        finish();
      });
  };
}
