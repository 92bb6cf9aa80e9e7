import { useEffect, useState } from 'react';
import type { DroppedItem } from '../bridge/renderer-bridge';
import { useImports } from '../state/import-store';

/** Makes the whole window a drop target and shows where the drop will go. */
export function DropOverlay() {
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setOver(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setOver(false);
      // The items are only readable during the event, so capture them before anything awaits.
      const items: DroppedItem[] = [...(event.dataTransfer?.items ?? [])]
        .filter((item) => item.kind === 'file')
        .map((item) => ({ file: item.getAsFile(), entry: item.webkitGetAsEntry() }));
      if (items.length > 0) void useImports.getState().importDropped(items);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop to add to your library</p>
    </div>
  );
}
