import { useCloud } from '../state/cloud-store';
import { useSettings } from '../state/settings-store';
import { settingLimits } from '../state/setting-limits';
import { ConfidenceSlider, NumberField, ToggleField } from './setting-fields';
import { usePopover } from './use-popover';

/** The toolbar's settings popover; the settings are loaded again each time it opens. */
export function SettingsMenu() {
  const { ref, onKeyDown } = usePopover();
  return (
    <details
      ref={ref}
      className="popover settings-menu"
      onToggle={(event) => {
        if (event.currentTarget.open) void useSettings.getState().load();
      }}
      onKeyDown={onKeyDown}
    >
      <summary>Settings</summary>
      <div className="menu">
        <SettingsPanel />
      </div>
    </details>
  );
}

/** Versions, settings, queue states, last errors and recent log lines, for a bug report. */
function CopyDiagnostics() {
  const diagnostics = useSettings((state) => state.diagnostics);
  return (
    <div className="copy-diagnostics">
      <button type="button" onClick={() => void useSettings.getState().copyDiagnostics()}>
        Copy diagnostics
      </button>
      {diagnostics && (
        <p role={diagnostics.state === 'failed' ? 'alert' : 'status'}>{diagnostics.message}</p>
      )}
      {diagnostics?.text !== undefined && (
        <textarea
          aria-label="Diagnostics"
          readOnly
          rows={6}
          value={diagnostics.text}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}

export function SettingsPanel() {
  const settings = useSettings((state) => state.settings);
  const problem = useSettings((state) => state.problem);
  // The backend labels photos itself (docs/backend.md): the app sends derivatives, not requests.
  const labelsInCloud = useCloud((state) => state.status?.cloudLabelling !== undefined);
  const { change } = useSettings.getState();

  if (!settings) return <p className="muted">{problem ?? 'Loading settings…'}</p>;
  const number = (key: keyof typeof settingLimits) => ({
    ...settingLimits[key],
    value: settings[key],
    onCommit: (value: number) => void change({ [key]: value }),
  });

  return (
    <form className="settings" aria-label="Settings" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>Labels</legend>
        <ConfidenceSlider
          value={settings.minConfidence}
          onChange={(minConfidence) => void change({ minConfidence })}
        />
        <ToggleField
          label={labelsInCloud ? 'Label photos in your cloud' : 'Label photos with Rekognition'}
          checked={settings.labelling}
          onChange={(labelling) => void change({ labelling })}
        />
        {labelsInCloud ? (
          <p className="muted">Your cloud’s labeller decides how many labels it asks for.</p>
        ) : (
          <NumberField label="Labels asked for per photo" {...number('maxLabels')} />
        )}
      </fieldset>
      <fieldset>
        <legend>Uploads</legend>
        <NumberField label="Photos uploaded at once" {...number('uploadConcurrency')} />
        <NumberField label="Parts of a large photo at once" {...number('partConcurrency')} />
        <NumberField
          label="Cache for originals from the cloud"
          unit="MiB"
          {...number('originalsCacheMb')}
        />
      </fieldset>
      <fieldset>
        <legend>Trash</legend>
        <NumberField label="Keep photos in the Trash for" unit="days" {...number('trashDays')} />
      </fieldset>
      <fieldset>
        <legend>Greeting</legend>
        <ToggleField
          label="Say hello when I sign in"
          checked={settings.greetOnSignIn}
          onChange={(greetOnSignIn) => void change({ greetOnSignIn })}
        />
      </fieldset>
      <fieldset>
        <legend>Help</legend>
        <CopyDiagnostics />
      </fieldset>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}
