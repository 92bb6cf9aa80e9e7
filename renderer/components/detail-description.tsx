import { useId, useState, type KeyboardEvent } from 'react';
import type { PhotoDetail } from '../../contract/photos';
import { usePhotoEdits, type DescriptionSave } from '../state/photo-edit-store';

/** The photo's description: saved when the field loses focus or on Ctrl+Enter. */
export function DetailDescription({ photo }: { readonly photo: PhotoDetail }) {
  // The draft starts from the photo; the view remounts this per photo (key), so it never leaks.
  const [draft, setDraft] = useState(photo.description);
  const save = usePhotoEdits((state) =>
    state.description?.id === photo.id ? state.description : null,
  );
  const { saveDescription } = usePhotoEdits.getState();
  const headingId = useId();
  const stateId = useId();

  const commit = () => {
    // Unchanged text is not sent; after a failed save the photo still has the old text, so
    // leaving the field again retries.
    if (draft !== photo.description) void saveDescription(photo.id, draft);
  };

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    }
  }

  return (
    <section className="detail-section detail-description">
      <h3 id={headingId}>Description</h3>
      <textarea
        aria-labelledby={headingId}
        rows={3}
        maxLength={2000}
        value={draft}
        placeholder="What is happening here?"
        aria-describedby={stateId}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      <p id={stateId} className={`save-state ${save?.state ?? ''}`} aria-live="polite">
        {saveText(save)}
      </p>
    </section>
  );
}

function saveText(save: DescriptionSave | null): string {
  switch (save?.state) {
    case undefined:
      return 'Saved when you leave the field, or with Ctrl+Enter.';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'failed':
      return `Couldn’t save: ${save.message ?? 'unknown error'}`;
  }
}
