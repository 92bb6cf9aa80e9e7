import { formatCount } from '../format';

/**
 * A sidebar entry's words: "Dog 12" on screen, "Dog, 12 photos" to a screen reader. The
 * accessible name then says what is shown, so voice control can say it too (axe:
 * label-content-name-mismatch).
 */
export function NameAndCount({ name, count }: { readonly name: string; readonly count: number }) {
  return (
    <>
      <span className="name">
        {name}
        <span className="visually-hidden">,</span>
      </span>
      <span className="count">
        {formatCount(count)}
        <span className="visually-hidden">{count === 1 ? ' photo' : ' photos'}</span>
      </span>
    </>
  );
}
