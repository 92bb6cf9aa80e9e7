import { useId } from 'react';
import type { VoiceOption } from '../../contract/voice';
import { useVoiceList } from '../state/voice-list-store';

/** The greeting's voice, grouped by language, each with the engines it supports. */
export function VoicePicker() {
  const voices = useVoiceList((state) => state.voices);
  const selected = useVoiceList((state) => state.selected);
  const problem = useVoiceList((state) => state.problem);
  const { select } = useVoiceList.getState();
  const id = useId();
  return (
    <div className="voice-picker">
      <label htmlFor={id}>Voice</label>
      <select
        id={id}
        value={selected ?? ''}
        disabled={!voices}
        aria-busy={!voices && !problem}
        onChange={(event) => void select(event.target.value)}
      >
        {!voices && <option value="">{problem ? 'Not available' : 'Loading…'}</option>}
        {voices &&
          [...byLanguage(voices)].map(([language, group]) => (
            <optgroup key={language} label={language}>
              {group.map((voice) => (
                <option key={voice.id} value={voice.id}>
                  {`${voice.name} — ${voice.engines.join(', ')}`}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}

function byLanguage(voices: readonly VoiceOption[]): Map<string, VoiceOption[]> {
  const groups = new Map<string, VoiceOption[]>();
  for (const voice of voices) {
    const group = groups.get(voice.languageName) ?? [];
    group.push(voice);
    groups.set(voice.languageName, group);
  }
  return groups;
}
