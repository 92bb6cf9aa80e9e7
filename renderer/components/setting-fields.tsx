import { useId, useState } from 'react';
import { parseWholeNumber } from '../state/setting-limits';

interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly unit?: string;
  readonly onCommit: (value: number) => void;
}

/**
 * A whole-number setting, sent when the field is left or on Enter (not on every keystroke, so
 * typing "100" never sends a refused "1"); a value out of range is explained, not sent.
 */
export function NumberField({ label, value, min, max, unit, onCommit }: NumberFieldProps) {
  // null: showing the setting itself; a string: what the person is typing.
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const commit = () => {
    if (draft === null) return;
    const parsed = parseWholeNumber(draft, min, max);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(null);
    setDraft(null);
    if (parsed.value !== value) onCommit(parsed.value);
  };

  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <span className="setting-input">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={draft ?? String(value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              commit();
            }
          }}
        />
        {unit && <span className="unit">{unit}</span>}
      </span>
      {problem && (
        <p id={`${id}-problem`} className="setting-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

interface ToggleFieldProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function ToggleField({ label, checked, onChange }: ToggleFieldProps) {
  return (
    <label className="setting toggle">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

interface ConfidenceSliderProps {
  readonly value: number;
  readonly onChange: (value: number) => void;
}

/** Minimum label confidence, 0–100: applied as it moves. */
export function ConfidenceSlider({ value, onChange }: ConfidenceSliderProps) {
  const id = useId();
  return (
    <div className="setting confidence">
      <label htmlFor={id}>Minimum label confidence</label>
      <span className="setting-input">
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          step={1}
          value={value}
          aria-valuetext={`${value}%`}
          onChange={(event) => onChange(Number(event.target.value))}
        />
        <output htmlFor={id}>{value}%</output>
      </span>
    </div>
  );
}
