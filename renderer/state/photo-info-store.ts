import type { PhotoInfo } from '../../contract/photos';
import { shoebox } from '../bridge/shoebox';
import { createStore } from './create-store';

interface PhotoInfoState {
  /** The camera's facts for one photo; `value` null when its original is not here. */
  readonly info: { readonly id: number; readonly value: PhotoInfo | null } | null;
  load(id: number): Promise<void>;
  openMap(latitude: number, longitude: number): Promise<void>;
}

/** The info panel's facts, read from the original by main when a photo is opened. */
export const usePhotoInfo = createStore<PhotoInfoState>((set, get) => ({
  info: null,
  async load(id) {
    if (get().info?.id === id) return;
    const result = await shoebox().library.info(id);
    set({ info: { id, value: result.ok ? result.value : null } });
  },
  async openMap(latitude, longitude) {
    await shoebox().app.openMap(latitude, longitude);
  },
}));
