import { useEffect, useId, useState } from 'react';
import { Modal } from './modal';

/** Every keyboard shortcut, by where it works. Kept beside the keys' handlers' behaviour. */
export const shortcutGroups: readonly {
  readonly where: string;
  readonly keys: readonly (readonly [string, string])[];
}[] = [
  {
    where: 'Anywhere',
    keys: [
      ['?', 'Show these shortcuts'],
      ['Tab', 'Move between controls (the first stop is “Skip to photos”)'],
      ['Esc', 'Close a menu, dialog or the open photo'],
    ],
  },
  {
    where: 'Photo grid',
    keys: [
      ['← → ↑ ↓', 'Move between photos'],
      ['Page Up / Page Down', 'Move a screen up or down'],
      ['Ctrl+↑ / Ctrl+↓', 'Start of the previous or next day or month'],
      ['Home / End', 'First or last photo'],
      ['Enter', 'Open the photo'],
    ],
  },
  {
    where: 'Timeline (the strip of years on the right)',
    keys: [
      ['↑ ↓', 'Previous or next day or month'],
      ['Page Up / Page Down', 'Previous or next year'],
      ['Home / End', 'Newest or oldest'],
    ],
  },
  {
    where: 'Open photo',
    keys: [
      ['← →', 'Previous or next photo (pan instead while zoomed in)'],
      ['+ / −', 'Zoom in or out (the wheel and a pinch zoom too)'],
      ['1', 'Zoom to 100 %, one photo pixel per screen pixel'],
      ['0', 'Fit the photo to the window'],
      ['↑ ↓', 'Pan while zoomed in (or drag the photo)'],
      ['Home / End', 'First or last photo'],
      ['Delete', 'Delete the photo (asks first)'],
      ['Esc or Back', 'Close it'],
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
