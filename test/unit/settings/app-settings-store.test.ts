import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { defaultSettings } from '../../../contract/settings';
import { openCatalog } from '../../../main/catalog/open-catalog';
import { SettingsRepository } from '../../../main/catalog/settings-repository';
import { AppSettingsStore } from '../../../main/settings/app-settings-store';
import { tempDir } from '../../support/temp-dir';

describe('AppSettingsStore', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let db: DatabaseSync;
  let repository: SettingsRepository;

  beforeEach(async () => {
    dir = await tempDir('settings');
    db = openCatalog(join(dir.path, 'catalog.sqlite'));
    repository = new SettingsRepository(db);
  });
  afterEach(async () => {
    db.close();
    await dir.remove();
  });

  it('answers the defaults until something is set, then keeps changes across reopening', () => {
    const store = new AppSettingsStore(repository);
    expect(store.get()).toEqual(defaultSettings);
    const seen: number[] = [];
    store.onChange((settings) => seen.push(settings.minConfidence));
    expect(store.update({ minConfidence: 85, labelling: false })).toMatchObject({
      minConfidence: 85,
      labelling: false,
      maxLabels: defaultSettings.maxLabels,
    });
    expect(seen).toEqual([85]);
    expect(new AppSettingsStore(new SettingsRepository(db)).get().minConfidence).toBe(85);
  });

  it('drops stored values that no longer validate, one field at a time', () => {
    repository.set(
      'app.settings',
      JSON.stringify({ minConfidence: 400, maxLabels: 12, labelling: 'yes', unknown: 1 }),
    );
    expect(new AppSettingsStore(repository).get()).toEqual({ ...defaultSettings, maxLabels: 12 });
    repository.set('app.settings', '{not json');
    expect(new AppSettingsStore(repository).get()).toEqual(defaultSettings);
  });
});
