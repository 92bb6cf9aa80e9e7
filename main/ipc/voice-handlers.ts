import { AppError } from '../model/app-error';
import type { VoiceSelection } from '../voice/voice-selection';
import type { VoiceService } from '../voice/voice-service';
import type { HandlerTable } from './handler-table';

/** The spoken greeting and its voice; without a cloud backend there is no Polly to ask. */
export function voiceHandlers(
  currentVoice: () => VoiceService | null,
  selection: VoiceSelection,
): Pick<HandlerTable, 'voice.greet' | 'voice.list' | 'voice.select'> {
  const voiceOrThrow = (): VoiceService => {
    const voice = currentVoice();
    if (!voice)
      throw new AppError(
        'not-configured',
        'Connect a cloud backend and sign in to hear your greeting.',
      );
    return voice;
  };
  return {
    'voice.greet': async () => voiceOrThrow().greet(),
    'voice.list': async () => voiceOrThrow().voices(),
    'voice.select': async ({ voiceId }) => {
      const { voices } = await voiceOrThrow().voices();
      if (!voices.some((voice) => voice.id === voiceId))
        throw new AppError('invalid-request', `Polly has no voice named ${voiceId}.`);
      selection.set(voiceId);
      return { selected: voiceId };
    },
  };
}
