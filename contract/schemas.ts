import { z } from 'zod';
import { signInProviders } from './auth';
import { sortOrders } from './photos';
import { settingLimits } from './settings';

// Request schemas main parses every payload with. Kept apart from the plain types so the
// renderer, which only needs the types, does not bundle zod.

export const pageRequest = z.object({
  sort: z.enum(sortOrders),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
  query: z.string().max(500).optional(),
  label: z.string().min(1).max(200).optional(),
});

const photoId = z.number().int().positive();

export const photoIdRequest = z.object({ id: photoId });

/** Pause, resume or cancel one photo's upload (`id`), or all of them (no `id`). */
export const uploadControlRequest = z.object({ id: photoId.optional() });

export const setDescriptionRequest = z.object({ id: photoId, description: z.string().max(2000) });

export const deletePhotosRequest = z.object({ ids: z.array(photoId).min(1).max(100_000) });

/** A label name as a person types it: trimmed, not empty, one line. */
export const labelName = z
  .string()
  .trim()
  .min(1, { error: 'A label needs a name.' })
  .max(100, { error: 'A label name is at most 100 characters.' })
  .regex(/^[^\p{Cc}]+$/u, { error: 'A label name is one line of text.' });

export const labelEditRequest = z.object({ id: photoId, name: labelName });

/** Retry one photo in the "couldn't label" list (`id`), or all of them. */
export const labelRetryRequest = z.object({ id: photoId.optional() });

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
  })
  .partial()
  .strict();

export const importStartRequest = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
});

export const importCancelRequest = z.object({ jobId: z.string().min(1).max(100) });

export const importPickRequest = z.object({ kind: z.enum(['files', 'folder']) });

export const signInRequest = z.object({ provider: z.enum(signInProviders) });

export const signOutRequest = z.object({ endHostedUiSession: z.boolean() });

export const setCloudConfigRequest = z.object({ text: z.string().min(1).max(100_000) });

export const selectVoiceRequest = z.object({ voiceId: z.string().min(1).max(100) });
