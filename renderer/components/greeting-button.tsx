import { useVoice } from '../state/voice-store';

/** A speaker button that says "Hello, <nickname>!" with Polly (or the system voice offline). */
export function GreetingButton({ nickname }: { readonly nickname: string }) {
  const busy = useVoice((state) => state.busy);
  const note = useVoice((state) => state.note);
  const { greet, attachPlayer } = useVoice.getState();
  return (
    <>
      <button
        type="button"
        className="greet"
        aria-label="Say hello"
        title={`Say “Hello, ${nickname}!”`}
        aria-busy={busy}
        onClick={() => void greet(nickname)}
      >
        <SpeakerIcon />
      </button>
      {/* No src prop: the store sets it, since React re-setting it would restart the load. */}
      <audio ref={attachPlayer} data-testid="greeting-audio" />
      {note && (
        <span className="greet-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}

function SpeakerIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      <path
        d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
