import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

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

/** A point on screen (client px) that stays over the same spot of the photo while it zooms. */
interface Anchor {
  readonly clientX: number;
  readonly clientY: number;
}

const fit: Zoom = { scale: 1, x: 0, y: 0, percent: 0 };

/**
 * How much one wheel event zooms. A pinch arrives as many Ctrl+wheel events whose pixel deltas
 * add up to the pinch (scale = e^(−Δy / 100)), and a trackpad scrolls in small deltas too; a
 * mouse notch (100 px or more) is one step, as + and − are.
 */
export function wheelFactor(event: { deltaY: number; deltaMode: number }): number {
  const pixels = event.deltaMode === 0 ? event.deltaY : Math.sign(event.deltaY) * 100;
  return Math.min(step, Math.max(1 / step, Math.exp(-pixels / 100)));
}

/**
 * The detail view's zoom and pan: double-click toggles fit ↔ 100 %, the wheel (and a pinch,
 * which Chromium reports as a wheel with Ctrl) zooms, + and − zoom, 0 fits, 1 is 100 %, and
 * arrows or a drag pan while zoomed in, no further than the photo's edges. The wheel and a double-click zoom about the pointer, the
 * keys about the middle. `onKey` answers whether it used the key, so the arrows still go to the
 * next photo when the photo fits.
 */
export function useZoom() {
  const [zoom, setZoom] = useState<Zoom>(fit);
  const image = useRef<HTMLImageElement | null>(null);

  /** Zooms to the scale `next` makes of the one now (read as the update runs, not as drawn). */
  const zoomWith = (next: (scale: number) => number, anchor?: Anchor) => {
    const change = zoomChange(image.current, anchor);
    setZoom((now) => change(now, next(now.scale)));
  };
  const zoomBy = (factor: number, anchor?: Anchor) => zoomWith((now) => now * factor, anchor);
  const zoomTo = (scale: number, anchor?: Anchor) => zoomWith(() => scale, anchor);

  // React listens to the wheel passively: only a listener of our own may keep a Ctrl+wheel (a
  // pinch) from zooming the whole page.
  const imageRef = useCallback((element: HTMLImageElement | null) => {
    image.current = element;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const change = zoomChange(element, event);
      setZoom((now) => change(now, now.scale * wheelFactor(event)));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);
  const pan = (dx: number, dy: number) => {
    const room = roomOf(image.current);
    setZoom((now) =>
      now.scale === 1 ? now : withinRoom({ ...now, x: now.x + dx, y: now.y + dy }, room),
    );
  };

  function onKey(event: KeyboardEvent): boolean {
    const zoomed = zoom.scale > 1;
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(step),
      '=': () => zoomBy(step),
      '-': () => zoomBy(1 / step),
      '0': () => setZoom(fit),
      '1': () => zoomTo(fullScale(image.current)),
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
    ref: imageRef,
    style: {
      transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`,
      cursor: zoom.scale > 1 ? 'grab' : 'zoom-in',
    },
    draggable: false,
    onDoubleClick: (event: Anchor) =>
      zoom.scale > 1 ? setZoom(fit) : zoomTo(fullScale(image.current), event),
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

/** The scale at which one photo pixel is one screen pixel. */
function fullScale(element: HTMLImageElement | null): number {
  if (!element || !element.naturalWidth || !element.clientWidth) return 1;
  return Math.max(1, element.naturalWidth / element.clientWidth / devicePixelRatio);
}

/**
 * How the zoom changes to a new scale, with the spot of the photo under `anchor` (else the
 * middle) staying put; measured once, before the change, as the photo is laid out (its offsets
 * leave the transform out).
 */
function zoomChange(element: HTMLImageElement | null, anchor: Anchor | undefined) {
  const full = fullScale(element);
  const frame = element?.offsetParent?.getBoundingClientRect();
  const at =
    element && frame && anchor
      ? {
          x: anchor.clientX - (frame.left + element.offsetLeft + element.offsetWidth / 2),
          y: anchor.clientY - (frame.top + element.offsetTop + element.offsetHeight / 2),
        }
      : { x: 0, y: 0 };
  const room = roomOf(element);
  return (now: Zoom, wanted: number): Zoom => {
    const scale = Math.min(Math.max(wanted, 1), Math.max(full * 4, 4));
    if (scale === 1) return fit;
    const ratio = scale / now.scale;
    const next = {
      scale,
      x: now.x * ratio + at.x * (1 - ratio),
      y: now.y * ratio + at.y * (1 - ratio),
      percent: Math.round((scale / full) * 100),
    };
    return withinRoom(next, room);
  };
}

/** The photo as laid out (before its transform) and the frame it is centred in, in px. */
interface Room {
  readonly width: number;
  readonly height: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
}

function roomOf(element: HTMLImageElement | null): Room | null {
  const frame = element?.offsetParent;
  if (!element || !(frame instanceof HTMLElement)) return null;
  return {
    width: element.offsetWidth,
    height: element.offsetHeight,
    frameWidth: frame.clientWidth,
    frameHeight: frame.clientHeight,
  };
}

/**
 * Pans no further than brings the photo's edge to the frame's edge, so it cannot be lost off
 * screen; a side smaller than the frame stays centred.
 */
function withinRoom(zoom: Zoom, room: Room | null): Zoom {
  if (!room) return zoom;
  const limit = (size: number, frame: number) => Math.max(0, (zoom.scale * size - frame) / 2);
  const clamp = (value: number, most: number) => Math.min(most, Math.max(-most, value));
  return {
    ...zoom,
    x: clamp(zoom.x, limit(room.width, room.frameWidth)),
    y: clamp(zoom.y, limit(room.height, room.frameHeight)),
  };
}
