import type { ReactNode } from 'react';

/** A banner the person should read and can dismiss with OK (not an error: the app carries on). */
export function NoticeBanner({
  children,
  onDismiss,
}: {
  readonly children: ReactNode;
  readonly onDismiss: () => void;
}) {
  return (
    <p className="banner notice" role="status">
      {children}{' '}
      <button type="button" onClick={onDismiss}>
        OK
      </button>
    </p>
  );
}
