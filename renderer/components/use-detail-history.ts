import { useEffect, useRef } from 'react';
import { useLibrary } from '../state/library-store';

interface DetailHistoryState {
  readonly shoeboxPhoto: number | null;
}

const isDetailState = (state: unknown): state is DetailHistoryState =>
  typeof state === 'object' && state !== null && 'shoeboxPhoto' in state;

/**
 * Gives the open detail view a history entry: the browser's (or the mouse's) Back closes it
 * instead of leaving the app, and the entry names the photo shown (`#photo-<id>`). Closing it
 * any other way takes the entry back off.
 */
export function useDetailHistory(photoId: number | null): void {
  const closedByBack = useRef(false);

  useEffect(() => {
    closedByBack.current = false;
    history.pushState({ shoeboxPhoto: null } satisfies DetailHistoryState, '');
    const onPopState = () => {
      closedByBack.current = true;
      useLibrary.getState().close();
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('popstate', onPopState);
      if (!closedByBack.current && isDetailState(history.state)) history.back();
    };
  }, []);

  useEffect(() => {
    if (photoId === null || !isDetailState(history.state)) return;
    history.replaceState(
      { shoeboxPhoto: photoId } satisfies DetailHistoryState,
      '',
      `#photo-${photoId}`,
    );
  }, [photoId]);
}
