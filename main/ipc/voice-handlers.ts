import { AppError } from '../errors';
import type { VoiceService } from '../voice/voice-service';
import type { HandlerTable } from './handler-table';

/** The spoken greeting; without a cloud backend there is no Polly to ask. */
export function voiceHandlers(
  currentVoice: () => VoiceService | null,
): Pick<HandlerTable, 'voice.greet'> {
  return {
    'voice.greet': async () => {
      const voice = currentVoice();
      if (!voice)
        throw new AppError(
          'not-configured',
          'Connect a cloud backend and sign in to hear your greeting.',
        );
      return voice.greet();
    },
  };
}
