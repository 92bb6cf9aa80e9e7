import { useImports } from '../state/import-store';

export function EmptyState() {
  const pick = useImports((state) => state.pick);
  return (
    <section className="empty" aria-labelledby="empty-title">
      <div className="empty-box" aria-hidden="true" />
      <h2 id="empty-title">Your library is empty</h2>
      <p>Drop photos or whole folders anywhere in this window to bring them in.</p>
      <p className="hint">
        JPEG, PNG, WebP, GIF, TIFF, AVIF and HEIC. Everything stays on this computer.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void pick('files')}>
          Choose photos…
        </button>
        <button type="button" onClick={() => void pick('folder')}>
          Choose a folder…
        </button>
      </div>
    </section>
  );
}
