import { z } from 'zod';
import { signInProviders } from './auth';
import { photoScopes, sortOrders } from './photos';
import { settingLimits } from './settings';

// Request schemas main parses every payload with. Every object is strict: an unknown key is
// refused, not dropped, so `cloud.pause` with a misspelt `{ ID: 3 }` cannot mean "pause all".
// Kept apart from the plain types so the renderer, which only needs the types, does not bundle zod.

/** An album's id: made by the device that created it (a UUID), safe in an object key. */
export const albumId = z.string().regex(/^[0-9a-f-]{8,64}$/, { error: 'Not an album id.' });

export const viewFilter = z.strictObject({
  sort: z.enum(sortOrders),
  query: z.string().max(500).optional(),
  label: z.string().min(1).max(200).optional(),
  scope: z.enum(photoScopes).optional(),
  album: albumId.optional(),
});

export const pageRequest = viewFilter.extend({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});

/** Ids of a stretch of a view (a Shift range reaching past the pages loaded). */
export const idsRequest = viewFilter.extend({
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(200_000),
});

const photoId = z.number().int().positive();
const photoIds = z.array(photoId).min(1).max(200_000);

export const photoTargets = z.union([
  z.strictObject({ ids: photoIds }).strict(),
  z.strictObject({ view: viewFilter, except: z.array(photoId).max(200_000) }).strict(),
]);

export const targetsRequest = z.strictObject({ targets: photoTargets });

export const favoriteRequest = z.strictObject({ targets: photoTargets, favorite: z.boolean() });

/** An album name as a person types it: trimmed, not empty, one line. */
export const albumName = z
  .string()
  .trim()
  .min(1, { error: 'An album needs a name.' })
  .max(200, { error: 'An album name is at most 200 characters.' })
  .regex(/^[^\p{Cc}]+$/u, { error: 'An album name is one line of text.' });

export const albumCreateRequest = z.strictObject({
  name: albumName,
  targets: photoTargets.optional(),
});
export const albumRenameRequest = z.strictObject({ id: albumId, name: albumName });
export const albumIdRequest = z.strictObject({ id: albumId });
export const albumAddRequest = z.strictObject({ id: albumId, targets: photoTargets });
export const albumRemoveRequest = z.strictObject({ id: albumId, targets: photoTargets });

export const photoIdRequest = z.strictObject({ id: photoId });

/** A place on Earth in decimal degrees (a photo's GPS position), to open in a map site. */
export const openMapRequest = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

/** Pause, resume or cancel one photo's upload (`id`), or all of them (no `id`). */
export const uploadControlRequest = z.strictObject({ id: photoId.optional() });

export const setDescriptionRequest = z.strictObject({
  id: photoId,
  description: z.string().max(2000),
});

/** A label name as a person types it: trimmed, not empty, one line. */
export const labelName = z
  .string()
  .trim()
  .min(1, { error: 'A label needs a name.' })
  .max(100, { error: 'A label name is at most 100 characters.' })
  .regex(/^[^\p{Cc}]+$/u, { error: 'A label name is one line of text.' });

export const labelEditRequest = z.strictObject({ id: photoId, name: labelName });

/** Retry one photo in the "couldn't label" list (`id`), or all of them. */
export const labelRetryRequest = z.strictObject({ id: photoId.optional() });

const wholeNumber = ({ min, max }: { min: number; max: number }) =>
  z.number().int().min(min).max(max);

export const settingsPatchRequest = z
  .object({
    minConfidence: z.number().min(0).max(100),
    maxLabels: wholeNumber(settingLimits.maxLabels),
    labelling: z.boolean(),
    greetOnSignIn: z.boolean(),
    uploadConcurrency: wholeNumber(settingLimits.uploadConcurrency),
    partConcurrency: wholeNumber(settingLimits.partConcurrency),
    originalsCacheMb: wholeNumber(settingLimits.originalsCacheMb),
    trashDays: wholeNumber(settingLimits.trashDays),
  })
  .partial()
  .strict();

export const importStartRequest = z.strictObject({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
});

export const importCancelRequest = z.strictObject({ jobId: z.string().min(1).max(100) });

export const exportJobRequest = z.strictObject({ jobId: z.string().min(1).max(100) });

export const importPickRequest = z.strictObject({ kind: z.enum(['files', 'folder']) });

/** The id a page gives one drop's uploads to the browser host (`/upload/<batch>`). */
export const uploadBatchPattern = /^[A-Za-z0-9-]{8,64}$/;

export const importReceivedRequest = z.strictObject({
  batch: z.string().regex(uploadBatchPattern, { error: 'Not an upload batch id.' }),
});

export const signInRequest = z.strictObject({ provider: z.enum(signInProviders) });

export const signOutRequest = z.strictObject({ endHostedUiSession: z.boolean() });

export const setCloudConfigRequest = z.strictObject({ text: z.string().min(1).max(100_000) });

export const selectVoiceRequest = z.strictObject({ voiceId: z.string().min(1).max(100) });
