import { useEffect, useRef, type KeyboardEvent } from 'react';
import { mediaPath } from '../../contract/media';
import type { PhotoDetail } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { formatBytes, formatDateTime } from '../format';
import { photoAt, useLibrary } from '../state/library-store';

/** Formats Chromium can show at full size; others are shown by their thumbnail. */
const browserFormats = new Set(['jpg', 'png', 'webp', 'gif', 'avif']);

export function DetailView() {
  const openIndex = useLibrary((state) => state.openIndex ?? 0);
  const total = useLibrary((state) => state.total ?? 0);
  const summary = useLibrary((state) => photoAt(state, openIndex));
  const detail = useLibrary((state) => state.detail);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previousFocus = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => previousFocus?.focus();
  }, []);

  const { open, close } = useLibrary.getState();
  const go = (index: number) => {
    if (index >= 0 && index < total) {
      useLibrary.getState().ensureRange(index, index);
      open(index);
    }
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const actions: Record<string, () => void> = {
      Escape: close,
      ArrowLeft: () => go(openIndex - 1),
      ArrowRight: () => go(openIndex + 1),
      Home: () => go(0),
      End: () => go(total - 1),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  // The details name the photo by id, so they stay right while the library changes around it;
  // the page summary only stands in until they arrive.
  const shown = detail ?? summary;
  const sha = shown?.sha256;
  const showOriginal = detail && browserFormats.has(detail.format);
  const src =
    sha && shoebox().mediaBase + (showOriginal ? mediaPath.original(sha) : mediaPath.thumb(sha));

  return (
    <div
      ref={dialog}
      className="detail"
      role="dialog"
      aria-modal="true"
      aria-label={shown?.filename ?? 'Photo'}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="detail-image">
        {src && <img key={src} src={src} alt={shown?.filename ?? ''} />}
      </div>
      <aside className="detail-info">
        <div className="detail-nav">
          <button
            type="button"
            onClick={() => go(openIndex - 1)}
            disabled={openIndex === 0}
            aria-label="Previous photo"
          >
            ‹
          </button>
          <span>
            {openIndex + 1} / {total}
          </span>
          <button
            type="button"
            onClick={() => go(openIndex + 1)}
            disabled={openIndex >= total - 1}
            aria-label="Next photo"
          >
            ›
          </button>
          <button type="button" onClick={close} aria-label="Close" className="close">
            ✕
          </button>
        </div>
        <h2 className="detail-title">{shown?.filename}</h2>
        {detail && <PhotoFacts photo={detail} />}
      </aside>
    </div>
  );
}

function PhotoFacts({ photo }: { readonly photo: PhotoDetail }) {
  const facts: [string, string][] = [
    ['Taken', photo.takenAt === null ? 'Unknown' : formatDateTime(photo.takenAt)],
    ['Added', formatDateTime(photo.importedAt)],
    ['Camera', photo.camera ?? 'Unknown'],
    ['Size', `${photo.width} × ${photo.height}`],
    ['File', `${photo.format.toUpperCase()}, ${formatBytes(photo.byteSize)}`],
  ];
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
