import { useId, useState } from 'react';

interface AlbumNameFormProps {
  readonly label: string;
  readonly submitLabel: string;
  readonly initial?: string;
  readonly onSubmit: (name: string) => void;
}

/** An album's name, typed, with the button that makes or renames it. */
export function AlbumNameForm({ label, submitLabel, initial = '', onSubmit }: AlbumNameFormProps) {
  const [name, setName] = useState(initial);
  const nameId = useId();
  return (
    <form
      className="new-album"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(name);
      }}
    >
      <label htmlFor={nameId}>{label}</label>
      <input
        id={nameId}
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        data-autofocus
      />
      <button type="submit" className="primary" disabled={name.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
