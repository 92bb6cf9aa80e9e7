/** The part of Electron's will-quit event the sequence uses. */
export interface QuitEvent {
  preventDefault(): void;
}

/**
 * Quitting waits for the core to close (imports stopped, catalog closed): the first will-quit
 * is held back while `close` runs, then the app quits again and this time lets it go. A failed
 * close still quits.
 */
export function quitSequence(
  close: () => Promise<void>,
  quit: () => void,
): (event: QuitEvent) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    void close()
      .catch(() => undefined)
      .finally(() => {
        state = 'closed';
        quit();
      });
  };
}
