import type { KeyboardEvent } from 'react';

const focusable =
  'button:not(:disabled), input:not(:disabled):not([type="hidden"]), textarea:not(:disabled), select:not(:disabled), [href], summary, [tabindex]:not([tabindex="-1"])';

/** On Tab, keeps focus cycling among `container`'s controls instead of leaving it. */
export function keepTabInside(event: KeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== 'Tab' || !container) return;
  const items = [...container.querySelectorAll<HTMLElement>(focusable)].filter(
    (item) => !item.closest('[hidden], [inert]'),
  );
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  const outside = !container.contains(active) || active === container;
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || (outside && active !== container))) {
    event.preventDefault();
    first.focus();
  }
}
