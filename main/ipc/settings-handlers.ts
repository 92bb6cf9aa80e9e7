import type { AppSettingsStore } from '../settings/app-settings-store';
import type { HandlerTable } from './handler-table';

/** The person's settings; the schema in the contract has already bounded every value. */
export function settingsHandlers(
  settings: AppSettingsStore,
): Pick<HandlerTable, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => settings.update(patch),
  };
}
