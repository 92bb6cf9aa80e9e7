import { z } from 'zod';
import type { AuthState } from './auth';
import type { ImportFailure, ImportProgress } from './import';
import type { PhotoDetail, PhotoPage } from './photos';
import type { VoiceList } from './voice';
import {
  importCancelRequest,
  importPickRequest,
  importStartRequest,
  pageRequest,
  selectVoiceRequest,
  photoIdRequest,
  setCloudConfigRequest,
  signInRequest,
  signOutRequest,
} from './schemas';

/** Every request the renderer may send, with the schema main parses it with. */
export const requestSchemas = {
  'app.info': z.object({}),
  'library.page': pageRequest,
  'library.photo': photoIdRequest,
  'import.start': importStartRequest,
  'import.cancel': importCancelRequest,
  'import.pick': importPickRequest,
  'auth.state': z.object({}),
  'auth.signIn': signInRequest,
  'auth.cancelSignIn': z.object({}),
  'auth.signOut': signOutRequest,
  'cloud.setConfig': setCloudConfigRequest,
  'voice.greet': z.object({}),
  'voice.list': z.object({}),
  'voice.select': selectVoiceRequest,
} as const;

export type Channel = keyof typeof requestSchemas;
export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'web';
  readonly dataDir: string;
  readonly photoCount: number;
}

export interface ImportStarted {
  readonly jobId: string;
  /** Files the host refused before the job began (the browser host's uploads). */
  readonly rejected: readonly ImportFailure[];
}

export interface Greeting {
  readonly mediaPath: string;
  readonly cached: boolean;
}

/** What each channel answers with, inside a Result. */
export interface ChannelResults {
  'app.info': AppInfo;
  'library.page': PhotoPage;
  'library.photo': PhotoDetail;
  'import.start': ImportStarted;
  'import.cancel': { readonly cancelled: boolean };
  /** `null` when the person closed the dialog without choosing. */
  'import.pick': ImportStarted | null;
  'auth.state': AuthState;
  /** The Hosted UI address when the page must open it itself (browser host); null when main did. */
  'auth.signIn': { readonly authorizeUrl: string | null };
  'auth.cancelSignIn': { readonly cancelled: true };
  /** `logoutUrl`: the Hosted UI logout page when the page must open it itself (browser host). */
  'auth.signOut': { readonly state: AuthState; readonly logoutUrl: string | null };
  /** Imports a backend config (the text of its JSON file); answers the new sign-in state. */
  'cloud.setConfig': AuthState;
  /** The spoken greeting as a media path (`voice/<sha256>`); `cached`: no Polly call was made. */
  'voice.greet': Greeting;
  /** Polly's voices (DescribeVoices) and the one the greeting uses. */
  'voice.list': VoiceList;
  /** Makes `voiceId` the greeting's voice (kept in the catalog); answers it back. */
  'voice.select': { readonly selected: string };
}

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'auth.changed': AuthState;
  'import.progress': ImportProgress;
  'library.changed': { readonly added: number };
}
export type EventName = keyof EventPayloads;
export const eventNames = [
  'import.progress',
  'library.changed',
] as const satisfies readonly EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requestSchemas, value);
}

// Compile-time guard: the schema table and the result table name the same channels.
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;
export const channelTablesAgree: SameKeys<typeof requestSchemas, ChannelResults> = true;
