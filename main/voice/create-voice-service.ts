import type { ShoeboxConfig } from '../config/shoebox-config';
import { PollySynthesizer } from './polly-synthesizer';
import { VoiceService } from './voice-service';

export interface VoiceServiceConfig {
  readonly config: ShoeboxConfig;
  /** A valid ID token for the identity pool (AuthService.idToken in the app). */
  readonly idToken: () => Promise<string>;
  readonly nickname: () => string | null;
  readonly voiceDir: string;
  readonly voiceId?: () => string;
}

/** The greeting voice backed by Polly, paid for with the signed-in user's identity-pool credentials. */
export function createVoiceService({ config, idToken, ...rest }: VoiceServiceConfig): VoiceService {
  return new VoiceService({ speech: new PollySynthesizer(config, idToken), ...rest });
}
