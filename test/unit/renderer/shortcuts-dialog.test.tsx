// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../contract/result';
import { DetailView } from '../../../renderer/components/detail-view';
import { PhotoGrid } from '../../../renderer/components/photo-grid';
import { ShortcutsDialog } from '../../../renderer/components/shortcuts-dialog';
import { useLibrary } from '../../../renderer/state/library-store';
import { useSelection } from '../../../renderer/state/selection-store';
import { resetAllStores } from '../../../renderer/state/create-store';
import { installFakeBridge, photoDetail, photoSummary } from './fake-bridge';

const fake = installFakeBridge();
// jsdom has no layout, so no ResizeObserver: the grid is 0 px wide, which it handles.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

/** Every key a person might press: the named ones and every printable character. */
const everyKey = [
  ...['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'],
  ...['Enter', 'Escape', 'Delete', 'Backspace', 'Insert', 'F2', ' '],
  ...Array.from({ length: 0x7e - 0x20 }, (_, n) => String.fromCharCode(0x21 + n)),
];
const moveKeys = everyKey.slice(0, 8);

const names: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'Page Up',
  PageDown: 'Page Down',
  Escape: 'Esc',
  ' ': 'Space',
  '-': '−',
};
/** How the dialog writes a key. */
const nameOf = (key: string) => names[key] ?? (key.length === 1 ? key.toUpperCase() : key);

type Modifier = '' | 'Shift' | 'Ctrl';
const photos = Array.from({ length: 12 }, (_, n) => photoSummary({ id: n + 1 }));

/** The dialog's entries ("← → ↑ ↓", "Delete / Backspace"…) for each place, as shown. */
function shownShortcuts(): Map<string, string[]> {
  render(<ShortcutsDialog />);
  fireEvent.keyDown(window, { key: '?' });
  const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const groups = new Map<string, string[]>();
  for (const section of within(dialog).getAllByRole('heading', { level: 3 })) {
    const keys = [...section.parentElement!.querySelectorAll('dt')].map((dt) => dt.textContent!);
    groups.set(section.textContent!, keys);
  }
  cleanup();
  return groups;
}

/** Whether the dialog lists `key` (with `modifier` held) among `entries`. */
function listed(entries: readonly string[], key: string, modifier: Modifier): boolean {
  return entries.some((entry) => {
    const name = nameOf(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (!new RegExp(`(^|[ /(+])${name}($|[ /)+,])`).test(entry)) return false;
    return modifier === '' ? !/^(Ctrl|Shift)\+/.test(entry) : entry.includes(`${modifier}+`);
  });
}

const modifiersOf = (modifier: Modifier) => ({
  shiftKey: modifier === 'Shift',
  ctrlKey: modifier === 'Ctrl',
});

/** Presses `key` on a freshly shown grid, photo 5 focused and one photo selected. */
function gridHandles(key: string, modifier: Modifier): boolean {
  resetAllStores();
  useLibrary.setState({ total: photos.length, pages: { 0: photos }, activeIndex: 5 });
  useSelection.getState().toggle(2);
  render(<PhotoGrid />);
  const handled = !fireEvent.keyDown(screen.getByRole('grid', { name: 'Photos' }), {
    key,
    ...modifiersOf(modifier),
  });
  cleanup();
  return handled;
}

/** The open photo's view, opened again when a key closed it. */
async function openPhoto(): Promise<HTMLElement> {
  const open = document.querySelector<HTMLElement>('.detail');
  if (open) return open;
  cleanup();
  resetAllStores();
  fake().bridge.library.photo.mockResolvedValue(ok(photoDetail({ id: 6 })));
  useLibrary.setState({ total: photos.length, pages: { 0: photos } });
  render(<DetailView />);
  act(() => useLibrary.getState().open(5));
  return screen.findByRole('dialog', { name: 'IMG_6.jpg' });
}

/** Presses `key` in the open photo, fitted or zoomed in first. */
async function detailHandles(key: string, zoomed: boolean): Promise<boolean> {
  const view = await openPhoto();
  fireEvent.keyDown(view, { key: '0' });
  if (zoomed) fireEvent.keyDown(view, { key: '+' });
  return !fireEvent.keyDown(view, { key });
}

describe('the keyboard shortcuts dialog', () => {
  it('lists every key the photo grid acts on', () => {
    const grid = shownShortcuts().get('Photo grid')!;
    const handled: string[] = [];
    const missing: string[] = [];
    const probes: [string, Modifier][] = [
      ...everyKey.map((key): [string, Modifier] => [key, '']),
      ...moveKeys.map((key): [string, Modifier] => [key, 'Shift']),
      ...[...moveKeys, 'a', 'A'].map((key): [string, Modifier] => [key, 'Ctrl']),
    ];
    for (const [key, modifier] of probes) {
      if (!gridHandles(key, modifier)) continue;
      handled.push(`${modifier}${key}`);
      if (!listed(grid, key, modifier)) missing.push(`${modifier}+${nameOf(key)}`);
    }
    // The probe itself works: these are the keys the grid is known to act on.
    expect(handled).toEqual(
      expect.arrayContaining(['ArrowLeft', ' ', 'Escape', 'Delete', 'Backspace', 'f', 'Ctrla']),
    );
    expect(handled).toContain('ShiftArrowDown');
    expect(missing).toEqual([]);
  });

  it('lists every key the open photo acts on, zoomed in or not', async () => {
    const detail = shownShortcuts().get('Open photo')!;
    const handled = new Set<string>();
    const missing: string[] = [];
    for (const zoomed of [false, true]) {
      for (const key of everyKey) {
        if (!(await detailHandles(key, zoomed))) continue;
        handled.add(key);
        if (!listed(detail, key, '')) missing.push(nameOf(key));
      }
    }
    expect([...handled]).toEqual(
      expect.arrayContaining(['ArrowLeft', 'ArrowUp', '+', '-', '0', '1', 'Delete', 'f', 'Escape']),
    );
    expect(missing).toEqual([]);
  }, 60_000);

  it('says Delete moves photos to the Trash with Undo, not that it asks first', () => {
    const groups = shownShortcuts();
    render(<ShortcutsDialog />);
    fireEvent.keyDown(window, { key: '?' });
    const text = screen.getByRole('dialog', { name: 'Keyboard shortcuts' }).textContent!;
    expect(text).toContain('to the Trash, with Undo');
    expect(text).not.toContain('Delete the photo (asks first)');
    expect(groups.get('Photo grid')).toContain('Delete / Backspace');
  });
});
