import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import {
  headerOffset,
  scrubberMarks,
  sectionAtOffset,
  yearStep,
  type TimelineLayout,
} from '../state/timeline';

/** Year marks closer than this (a fraction of the strip) to the one above are left out. */
const minMarkGap = 0.05;
/** The strip's own px above the place for 0 and below the place for 1 (room for a mark's text). */
const insetTop = 2;
const insetBottom = 16;

/** Where `fraction` of the grid is on the strip: its marks, thumb and bubble and the pointer agree. */
const place = (fraction: number) =>
  `calc(${insetTop}px + ${fraction} * (100% - ${insetTop + insetBottom}px))`;
/**
 * The same place as a shift down from the strip's top inset, for the thumb, which moves every
 * scrolled frame: a transform (in the strip's height, `cqh`; the strip is a size container) is
 * redrawn by the compositor, where a new `top` is laid out and painted again.
 */
const shift = (fraction: number) =>
  `translateY(calc(${fraction} * (100cqh - ${insetTop + insetBottom}px)))`;

interface DateScrubberProps {
  readonly layout: TimelineLayout;
  /** Scrolls the grid to `top` px; answers where it got to (it stops at its end). */
  readonly scrollTo: (top: number) => number;
  /** The section at the top of the grid now. */
  readonly current: number;
  readonly scrollOffset: number;
  /**
   * The grid's whole height in px: the strip stands for all of it, so a year's mark is where its
   * header is, and a press there scrolls that header to the top (as far as the grid goes).
   */
  readonly height: number;
  /** A section was jumped to from the keyboard. */
  readonly onJump: (section: number) => void;
}

/**
 * The strip along the grid's right edge: the years at their places, a thumb where the screen is;
 * pressing or dragging anywhere scrolls straight there (the grid draws only what is on screen, so
 * a drag through 100,000 photos costs what one screen does). As a slider it takes ↑ ↓ (a section),
 * Page Up/Down (a year), Home and End.
 */
export function DateScrubber({
  layout,
  scrollTo,
  current,
  scrollOffset,
  height,
  onJump,
}: DateScrubberProps) {
  const [pointing, setPointing] = useState<number | null>(null);
  // Where a key sent the grid: near the end the grid cannot scroll that far, so the section at
  // the top is not the one chosen, and the next key must go on from the chosen one.
  const [jumped, setJumped] = useState<{ section: number; offset: number } | null>(null);
  const marks = useMemo(() => scrubberMarks(layout, minMarkGap), [layout]);
  const chosen = jumped && Math.abs(jumped.offset - scrollOffset) < 1 ? jumped.section : current;
  const section = layout.sections[Math.max(0, chosen)];
  const pointed =
    pointing === null ? null : layout.sections[sectionAtOffset(layout, pointing * height)];

  const fractionAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const room = Math.max(1, box.height - insetTop - insetBottom);
    return Math.min(1, Math.max(0, (event.clientY - box.top - insetTop) / room));
  };
  const scrollToFraction = (fraction: number) => scrollTo(fraction * height);
  const jump = (target: number) => {
    const last = layout.sections.length - 1;
    const to = Math.min(Math.max(target, 0), last);
    setJumped({ section: to, offset: scrollTo(headerOffset(layout, to)) });
    onJump(to);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const from = Math.max(0, chosen);
    const targets: Record<string, () => number> = {
      ArrowDown: () => from + 1,
      ArrowRight: () => from + 1,
      ArrowUp: () => from - 1,
      ArrowLeft: () => from - 1,
      PageDown: () => yearStep(layout.sections, from, 1),
      PageUp: () => yearStep(layout.sections, from, -1),
      Home: () => 0,
      End: () => layout.sections.length - 1,
    };
    const target = targets[event.key];
    if (!target) return;
    event.preventDefault();
    jump(target());
  }

  return (
    <div
      className="scrubber"
      role="slider"
      tabIndex={0}
      aria-label="Timeline: jump to a date"
      aria-orientation="vertical"
      aria-valuemin={0}
      aria-valuemax={layout.sections.length - 1}
      aria-valuenow={Math.max(0, chosen)}
      aria-valuetext={section?.label ?? ''}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        setJumped(null);
        const fraction = fractionAt(event);
        setPointing(fraction);
        scrollToFraction(fraction);
      }}
      onPointerMove={(event) => {
        const fraction = fractionAt(event);
        setPointing(fraction);
        if (event.currentTarget.hasPointerCapture(event.pointerId)) scrollToFraction(fraction);
      }}
      onPointerLeave={() => setPointing(null)}
      onPointerUp={(event) => {
        if (event.pointerType !== 'mouse') setPointing(null);
      }}
    >
      {marks.map((mark) => (
        <span key={mark.year} className="scrubber-year" style={{ top: place(mark.at) }}>
          {mark.year}
        </span>
      ))}
      <span
        className="scrubber-thumb"
        aria-hidden="true"
        style={{ top: insetTop, transform: shift(Math.min(1, scrollOffset / height)) }}
      />
      {pointed && pointing !== null && (
        <span className="scrubber-bubble" aria-hidden="true" style={{ top: place(pointing) }}>
          {pointed.label}
        </span>
      )}
    </div>
  );
}
