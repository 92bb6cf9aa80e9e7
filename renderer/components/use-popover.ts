import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * Makes a `<details>` behave as a popover: Escape closes it and puts focus back on its summary,
 * and a press outside closes it. That press does nothing else: the click it would become is
 * swallowed, so closing Settings over the grid does not also open the photo beneath.
 */
export function usePopover() {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    let swallow: ((event: MouseEvent) => void) | null = null;
    const stopSwallowing = () => {
      if (swallow) window.removeEventListener('click', swallow, true);
      swallow = null;
    };
    const onPointerDown = (event: PointerEvent) => {
      stopSwallowing();
      const details = ref.current;
      if (!details?.open || details.contains(event.target as Node)) return;
      // Something layered above (a dialog opened from the popover) is not "outside".
      if (event.target instanceof Element && event.target.closest('.modal-backdrop')) return;
      details.open = false;
      swallow = (click: MouseEvent) => {
        click.preventDefault();
        click.stopPropagation();
        stopSwallowing();
      };
      window.addEventListener('click', swallow, true);
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      stopSwallowing();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = ref.current;
    if (event.key === 'Escape' && details?.open) {
      event.preventDefault();
      event.stopPropagation();
      details.open = false;
      details.querySelector('summary')?.focus();
    }
  };

  return { ref, onKeyDown };
}
