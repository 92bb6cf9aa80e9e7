import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

/** How far one press of + or − (or one wheel notch) zooms. */
const step = 1.25;
/** Arrow keys pan this many screen pixels when zoomed in. */
const panStep = 80;

interface Zoom {
  /** 1 fits the photo to the window; `full` shows one photo pixel per screen pixel. */
  readonly scale: number;
  readonly x: number;
  readonly y: number;
  /** The scale as a share of 100 % (one photo pixel per screen pixel). */
  readonly percent: number;
}

const fit: Zoom = { scale: 1, x: 0, y: 0, percent: 0 };

/**
 * The detail view's zoom and pan: double-click toggles fit ↔ 100 %, the wheel (and a pinch,
 * which Chromium reports as a wheel with Ctrl) zooms, + and − zoom, 0 fits, 1 is 100 %, and
 * arrows or a drag pan while zoomed in. `onKey` answers whether it used the key, so the arrows
 * still go to the next photo when the photo fits.
 */
export function useZoom() {
  const [zoom, setZoom] = useState<Zoom>(fit);
  const image = useRef<HTMLImageElement>(null);

  /** The scale at which one photo pixel is one screen pixel. */
  const fullScale = () => {
    const element = image.current;
    if (!element || !element.naturalWidth || !element.clientWidth) return 1;
    return Math.max(1, element.naturalWidth / element.clientWidth / devicePixelRatio);
  };
  const limit = () => Math.max(fullScale() * 4, 4);
  const zoomTo = (scale: number) => {
    const full = fullScale();
    const next = Math.min(Math.max(scale, 1), limit());
    setZoom((now) => {
      if (next === 1) return fit;
      // Keep the same spot of the photo under the centre while the scale changes.
      const ratio = next / now.scale;
      const percent = Math.round((next / full) * 100);
      return { scale: next, x: now.x * ratio, y: now.y * ratio, percent };
    });
  };
  const pan = (dx: number, dy: number) =>
    setZoom((now) => (now.scale === 1 ? now : { ...now, x: now.x + dx, y: now.y + dy }));

  function onKey(event: KeyboardEvent): boolean {
    const zoomed = zoom.scale > 1;
    const actions: Record<string, () => void> = {
      '+': () => zoomTo(zoom.scale * step),
      '=': () => zoomTo(zoom.scale * step),
      '-': () => zoomTo(zoom.scale / step),
      '0': () => setZoom(fit),
      '1': () => zoomTo(fullScale()),
      ...(zoomed
        ? {
            ArrowLeft: () => pan(panStep, 0),
            ArrowRight: () => pan(-panStep, 0),
            ArrowUp: () => pan(0, panStep),
            ArrowDown: () => pan(0, -panStep),
          }
        : {}),
    };
    const action = actions[event.key];
    if (!action || event.ctrlKey || event.metaKey || event.altKey) return false;
    event.preventDefault();
    action();
    return true;
  }

  const drag = useRef<{ x: number; y: number } | null>(null);
  const imageProps = {
    ref: image,
    style: {
      transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`,
      cursor: zoom.scale > 1 ? 'grab' : 'zoom-in',
    },
    draggable: false,
    onDoubleClick: () => (zoom.scale > 1 ? setZoom(fit) : zoomTo(fullScale())),
    onWheel: (event: { deltaY: number }) =>
      zoomTo(event.deltaY < 0 ? zoom.scale * step : zoom.scale / step),
    onPointerDown: (event: PointerEvent<HTMLImageElement>) => {
      if (zoom.scale === 1) return;
      drag.current = { x: event.clientX, y: event.clientY };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    onPointerMove: (event: PointerEvent<HTMLImageElement>) => {
      if (!drag.current) return;
      pan(event.clientX - drag.current.x, event.clientY - drag.current.y);
      drag.current = { x: event.clientX, y: event.clientY };
    },
    onPointerUp: () => {
      drag.current = null;
    },
  };
  return { zoom, onKey, imageProps, reset: () => setZoom(fit) };
}
