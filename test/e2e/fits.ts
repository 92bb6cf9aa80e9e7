import { expect, type Locator } from '@playwright/test';

/**
 * Fails naming each way the popover `box` (an open menu's panel) does not fit: it reaches past
 * the window, scrolls sideways, a block of its text is wider than its box (cut off or
 * spilling), something inside sticks out of its sides, or a select's chosen option is wider
 * than the select shows.
 */
export async function expectPopoverFits(box: Locator, what: string): Promise<void> {
  const problems = await box.evaluate((root) => {
    const found: string[] = [];
    const frame = root.getBoundingClientRect();
    const named = (element: Element) =>
      `${element.tagName.toLowerCase()} “${(element.textContent ?? '').trim().slice(0, 40)}”`;
    const round = (value: number) => Math.round(value);
    if (frame.left < 0 || frame.top < 0 || frame.right > innerWidth || frame.bottom > innerHeight) {
      found.push(
        `the popover (${round(frame.left)}, ${round(frame.top)})–(${round(frame.right)}, ${round(frame.bottom)}) is not inside the ${innerWidth}×${innerHeight} window`,
      );
    }
    // A tall one may scroll up and down inside (Settings in a short window does); never sideways.
    if (root.scrollWidth > root.clientWidth) {
      found.push(`the popover scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
    }
    const measure = document.createElement('canvas').getContext('2d')!;
    for (const element of root.querySelectorAll('*')) {
      // Text for screen readers only is clipped on purpose.
      if (element.closest('.visually-hidden')) continue;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
        found.push(
          `${named(element)} is ${element.scrollWidth} px wide in ${element.clientWidth} px`,
        );
      }
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
        found.push(`${named(element)} sticks out of the popover's side`);
      }
      if (element instanceof HTMLSelectElement && element.selectedOptions[0]) {
        measure.font = `${style.fontSize} ${style.fontFamily}`;
        const text = measure.measureText(element.selectedOptions[0].text).width;
        // The room beside the drop-down arrow.
        const room =
          element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
        if (text > room) {
          found.push(
            `select shows “${element.selectedOptions[0].text}” (${round(text)} px) in ${round(room)} px`,
          );
        }
      }
    }
    return found;
  });
  expect(problems, what).toEqual([]);
}
