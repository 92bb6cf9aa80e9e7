import { useEffect, useId, useState } from 'react';
import { Modal } from './modal';

/**
 * Every keyboard shortcut (and the clicks that do more than a click), by where it works. Kept
 * true to the keys' handlers (grid-selection.ts, timeline.ts, detail-view.tsx,
 * zoom-image.tsx): test/unit/renderer/shortcuts-dialog.test.tsx presses every key on the grid
 * and the open photo and finds each one that does something listed here.
 */
export const shortcutGroups: readonly {
  readonly where: string;
  readonly keys: readonly (readonly [string, string])[];
}[] = [
  {
    where: 'Anywhere',
    keys: [
      ['?', 'Show these shortcuts'],
      ['Tab / Shift+Tab', 'Move between controls (the first stop is “Skip to photos”)'],
      ['Esc', 'Close a menu, dialog or the open photo'],
    ],
  },
  {
    where: 'Photo grid',
    keys: [
      ['← → ↑ ↓', 'Move between photos'],
      ['Page Up / Page Down', 'Move a screen up or down'],
      ['Home / End', 'First or last photo'],
      ['Ctrl+↑ / Ctrl+↓', 'Start of the previous or next day or month'],
      ['Enter', 'Open the photo'],
      ['Space', 'Select the photo, or unselect it'],
      [
        'Shift+← → ↑ ↓ / Page Up / Page Down / Home / End',
        'Select from the last photo chosen to where the focus moves',
      ],
      ['Shift+click', 'Select from the last photo chosen to this one'],
      ['Ctrl+click (⌘-click on a Mac)', 'Select the photo, or unselect it'],
      ['Ctrl+A (⌘A on a Mac)', 'Select every photo in this view, search and filters included'],
      ['Esc', 'Clear the selection'],
      [
        'Delete / Backspace',
        'Move the selected photos (or the one with the focus) to the Trash, with Undo; in the Trash they do nothing',
      ],
      ['F', 'Favorite the selected photos, or the one with the focus (again to unfavorite it)'],
    ],
  },
  {
    where: 'Timeline (the strip of years on the right)',
    keys: [
      ['← → ↑ ↓', 'Previous or next day or month'],
      ['Page Up / Page Down', 'Previous or next year'],
      ['Home / End', 'Newest or oldest'],
    ],
  },
  {
    where: 'Open photo',
    keys: [
      ['← →', 'Previous or next photo (pan instead while zoomed in)'],
      ['Home / End', 'First or last photo'],
      ['+ (or =) / −', 'Zoom in or out (the wheel and a pinch zoom too)'],
      ['1', 'Zoom to 100 %, one photo pixel per screen pixel'],
      ['0', 'Fit the photo to the window'],
      ['Double-click', 'Zoom to 100 %, or back to fit'],
      ['↑ ↓', 'Pan while zoomed in (← → too; or drag the photo)'],
      ['F', 'Favorite the photo, or unfavorite it'],
      [
        'Delete',
        'Move the photo to the Trash, with Undo, and show the next one; in the Trash, delete it for good (asks first)',
      ],
      ['Esc or Back', 'Close it'],
    ],
  },
  {
    where: 'Description of the open photo',
    keys: [
      ['Ctrl+Enter (⌘Enter on a Mac)', 'Save it (leaving the field saves it too)'],
      ['Esc', 'Leave the field'],
    ],
  },
  {
    where: 'Search box',
    keys: [['Esc', 'Empty the search']],
  },
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement ||
  target instanceof HTMLTextAreaElement ||
  target instanceof HTMLSelectElement ||
  (target instanceof HTMLElement && target.isContentEditable);

/** "?" anywhere (outside a text field) opens the list of shortcuts. */
export function ShortcutsDialog() {
  const [open, setOpen] = useState(false);
  const titleId = useId();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || typing(event.target) || event.defaultPrevented) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (!open) return null;
  return (
    <Modal labelledBy={titleId} className="shortcuts" onClose={() => setOpen(false)}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      {shortcutGroups.map((group) => (
        <section key={group.where}>
          <h3>{group.where}</h3>
          <dl>
            {group.keys.map(([keys, what]) => (
              <div key={keys + what}>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="actions">
        <button type="button" className="primary" data-autofocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </Modal>
  );
}
