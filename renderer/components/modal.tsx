import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { keepTabInside } from './focus-trap';

interface ModalProps {
  /** `alertdialog` for a question that needs an answer (a confirmation). */
  readonly role?: 'dialog' | 'alertdialog';
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly className?: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

/**
 * A modal box over everything, rendered at the end of <body> so the styles of where it is opened
 * from (the sidebar, the dark detail view) do not reach it. Focus moves in (to the
 * `data-autofocus` element, if any), stays in while Tab cycles, and returns where it was; Escape
 * or a click outside closes it. Keys do not reach what is underneath (the detail view's arrows).
 */
export function Modal({
  role = 'dialog',
  labelledBy,
  describedBy,
  className,
  onClose,
  children,
}: ModalProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previousFocus = document.activeElement as HTMLElement | null;
    (box.current?.querySelector<HTMLElement>('[data-autofocus]') ?? box.current)?.focus();
    return () => previousFocus?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else {
      keepTabInside(event, box.current);
    }
  }

  return createPortal(
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return;
        // Else the press, once the box is gone, moves the focus it gave back onto the page.
        event.preventDefault();
        onClose();
      }}
    >
      <div
        ref={box}
        role={role}
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        className={className ? `modal ${className}` : 'modal'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
