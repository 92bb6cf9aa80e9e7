import type { VoiceOption } from '../../contract/voice';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { problemText } from './problem-words';

interface VoiceListState {
  /** Polly's voices; null until the account menu first loads them. */
  readonly voices: readonly VoiceOption[] | null;
  readonly selected: string | null;
  /** Why the list could not be loaded or the choice not kept. */
  readonly problem: string | null;
  load(): Promise<void>;
  select(voiceId: string): Promise<void>;
}

/** The voice picker's data: loaded when the account menu opens, changed through main. */
export const useVoiceList = createStore<VoiceListState>((set) => ({
  voices: null,
  selected: null,
  problem: null,
  async load() {
    const result = await shoebox().voice.list();
    if (result.ok) set({ ...result.value, problem: null });
    else set({ problem: problemText(result.error) });
  },
  async select(voiceId) {
    const result = await shoebox().voice.select(voiceId);
    if (result.ok) set({ selected: result.value.selected, problem: null });
    else set({ problem: problemText(result.error) });
  },
}));
