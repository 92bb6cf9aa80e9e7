import { greetingText } from '../../contract/voice';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';
import { messageOf } from '../../contract/result';
import { problemText } from './problem-words';

export const systemVoiceNote = "Polly is unreachable; using your system's voice";

interface VoiceStoreState {
  /** Waiting for main to find or synthesize the greeting. */
  readonly busy: boolean;
  /** What the person should know about the last greeting (system voice used, or why it failed). */
  readonly note: string | null;
  /** The page's <audio> element registers itself here; null when it unmounts. */
  attachPlayer(player: HTMLAudioElement | null): void;
  greet(nickname: string): Promise<void>;
}

// The element lives outside the state: it is not data to render from, only something to play.
let player: HTMLAudioElement | null = null;

export const useVoice = createStore<VoiceStoreState>((set) => ({
  busy: false,
  note: null,
  attachPlayer(element) {
    player = element;
  },
  async greet(nickname) {
    set({ busy: true, note: null });
    const bridge = shoebox();
    const result = await bridge.voice.greet();
    if (result.ok) {
      set({ busy: false });
      await play(bridge.mediaBase + result.value.mediaPath).catch((error: unknown) =>
        set({ note: `The greeting could not play: ${errorText(error)}` }),
      );
      return;
    }
    if (result.error.code === 'offline') {
      set({
        busy: false,
        note: speakWithSystemVoice(greetingText(nickname))
          ? systemVoiceNote
          : 'Polly is unreachable, and this system has no voice to say hello with.',
      });
      return;
    }
    set({ busy: false, note: problemText(result.error) });
  },
}));

async function play(src: string): Promise<void> {
  if (!player) return;
  // Only a new greeting changes the src: setting it again would reload the same file.
  if (player.getAttribute('src') !== src) player.src = src;
  player.currentTime = 0;
  await player.play();
}

/** Says `text` with the browser's speech synthesis; false where there is none. */
function speakWithSystemVoice(text: string): boolean {
  if (typeof window.speechSynthesis === 'undefined') return false;
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  return true;
}

function errorText(error: unknown): string {
  return messageOf(error);
}
