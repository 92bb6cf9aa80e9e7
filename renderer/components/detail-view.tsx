import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mediaPath } from '../../contract/media';
import { shoebox } from '../bridge/shoebox';
import { photoAltText } from '../format';
import { photoAt, useLibrary } from '../state/library-store';
import { DeletePhotosDialog } from './delete-photos-dialog';
import { DetailCloud } from './detail-cloud';
import { DetailDescription } from './detail-description';
import { DetailLabels } from './detail-labels';
import { FavoriteButton } from './favorite-button';
import { useOrganise } from '../state/organise-store';
import { PhotoInfoPanel } from './photo-info';
import { keepTabInside } from './focus-trap';
import { useDetailHistory } from './use-detail-history';
import { useZoom } from './zoom-image';

export function DetailView() {
  const openIndex = useLibrary((state) => state.openIndex ?? 0);
  const total = useLibrary((state) => state.total ?? 0);
  const summary = useLibrary((state) => photoAt(state, openIndex));
  const detail = useLibrary((state) => state.detail);
  const inTrash = useLibrary((state) => state.scope === 'trash');
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previousFocus = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    return () => previousFocus?.focus();
  }, []);

  // A control disabled or removed under the focus (Add once its label is in, Move to Trash with
  // its photo) leaves the focus on the page, out of reach of this view's keys: a key pressed
  // there brings it back, and Escape still closes.
  useEffect(() => {
    const onStrayKey = (event: globalThis.KeyboardEvent) => {
      if (event.target !== document.body || !dialog.current) return;
      dialog.current.focus();
      if (event.key !== 'Escape') return;
      event.preventDefault();
      useLibrary.getState().close();
    };
    document.addEventListener('keydown', onStrayKey);
    return () => document.removeEventListener('keydown', onStrayKey);
  }, []);

  const { open, close } = useLibrary.getState();
  // Moved to the Trash (Undo brings it back) or restored: the next photo takes its place.
  const moveOut = async () => {
    if (!detail) return;
    const organise = useOrganise.getState();
    const done = inTrash
      ? await organise.restore({ ids: [detail.id] })
      : await organise.trash({ ids: [detail.id] }, 1);
    if (!done) return;
    await useLibrary.getState().openPhotoRemoved();
    // The button pressed went with the photo's details: keep the focus (and Escape) in here.
    dialog.current?.focus();
  };
  const favorite = () => {
    if (detail && !inTrash) {
      void useOrganise.getState().setFavorite({ ids: [detail.id] }, !detail.favorite);
    }
  };
  const go = (index: number) => {
    if (index >= 0 && index < total) {
      useLibrary.getState().ensureRange(index, index);
      zoom.reset();
      open(index);
    }
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    keepTabInside(event, dialog.current);
    if (!isTextField(event.target) && isOnPhoto(event.target) && zoom.onKey(event)) return;
    if (isTextField(event.target)) {
      // Arrows and Home/End edit the text; Escape leaves the field (which saves it) first.
      if (event.key === 'Escape') {
        event.preventDefault();
        dialog.current?.focus();
      }
      return;
    }
    const actions: Record<string, () => void> = {
      Escape: close,
      ArrowLeft: () => go(openIndex - 1),
      ArrowRight: () => go(openIndex + 1),
      Home: () => go(0),
      End: () => go(total - 1),
      Delete: () => (inTrash ? setConfirmingDelete(detail !== null) : void moveOut()),
      f: favorite,
      F: favorite,
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
  useDetailHistory(shown?.id ?? null);
  // `view` is the original where the browser can show it, else main renders it (HEIC, TIFF).
  // An original only in the cloud loads from the same path: main fetches it when asked.
  const src = sha && shoebox().mediaBase + (detail ? mediaPath.view(sha) : mediaPath.thumb(sha));
  // The ≈2048 px preview shows beneath while the full image loads (a large HEIC or TIFF takes a while).
  const preview =
    sha && detail ? `url("${shoebox().mediaBase}${mediaPath.preview(sha)}")` : undefined;
  const zoom = useZoom();

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
      {/* The dark space around the photo is the backdrop: a click there closes, as in any modal. */}
      <div
        className="detail-image"
        onMouseDown={(event) => {
          if (event.target !== event.currentTarget) return;
          // Else the press, once this view is gone, moves the focus it gave back to the grid
          // onto the page.
          event.preventDefault();
          close();
        }}
      >
        {src && (
          <img
            key={src}
            src={src}
            alt={photoAltText(shown)}
            {...zoom.imageProps}
            style={{ ...zoom.imageProps.style, backgroundImage: preview }}
          />
        )}
        {zoom.zoom.scale > 1 && (
          <p className="zoom-level" aria-live="polite">
            {zoom.zoom.percent}% · 0 to fit
          </p>
        )}
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
          {/* A correction can take the photo out of the search it was opened from. */}
          <span>{openIndex < total ? `${openIndex + 1} / ${total}` : 'Not in this view'}</span>
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
        <h2 className="detail-title">
          {shown?.filename}
          {detail && !inTrash && <FavoriteButton photo={detail} />}
        </h2>
        {detail && (
          <>
            <DetailCloud photo={detail} />
            <DetailLabels key={`labels-${detail.id}`} photo={detail} />
            <DetailDescription key={`description-${detail.id}`} photo={detail} />
            <PhotoInfoPanel photo={detail} />
            {inTrash ? (
              <div className="detail-actions">
                <button type="button" onClick={() => void moveOut()}>
                  Restore
                </button>
                <button type="button" className="danger" onClick={() => setConfirmingDelete(true)}>
                  Delete for good…
                </button>
              </div>
            ) : (
              <div className="detail-actions">
                {shoebox().host === 'electron' && detail.originalLocal && (
                  <button type="button" onClick={() => void shoebox().library.reveal(detail.id)}>
                    Show in folder
                  </button>
                )}
                <button type="button" className="danger" onClick={() => void moveOut()}>
                  Move to Trash
                </button>
              </div>
            )}
          </>
        )}
      </aside>
      {confirmingDelete && detail && (
        <DeletePhotosDialog
          targets={{ ids: [detail.id] }}
          count={1}
          onClose={(deleted) => {
            setConfirmingDelete(false);
            if (!deleted) return;
            void useLibrary
              .getState()
              .openPhotoRemoved()
              .then(() => dialog.current?.focus());
          }}
        />
      )}
    </div>
  );
}

/** Zoom keys work unless focus is on a control of the side panel (where +, − and 0 mean text). */
function isOnPhoto(target: EventTarget): boolean {
  return !(target instanceof HTMLElement && target.closest('.detail-info'));
}

function isTextField(target: EventTarget): boolean {
  return (
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'range')
  );
}
