import { z } from 'zod';
import { signInProviders } from './auth';
import { sortOrders } from './photos';

// Request schemas main parses every payload with. Kept apart from the plain types so the
// renderer, which only needs the types, does not bundle zod.

export const pageRequest = z.object({
  sort: z.enum(sortOrders),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});

export const photoIdRequest = z.object({ id: z.number().int().positive() });

export const importStartRequest = z.object({
  paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
});

export const importCancelRequest = z.object({ jobId: z.string().min(1).max(100) });

export const importPickRequest = z.object({ kind: z.enum(['files', 'folder']) });

export const signInRequest = z.object({ provider: z.enum(signInProviders) });

export const signOutRequest = z.object({ endHostedUiSession: z.boolean() });

export const setCloudConfigRequest = z.object({ text: z.string().min(1).max(100_000) });

export const selectVoiceRequest = z.object({ voiceId: z.string().min(1).max(100) });
