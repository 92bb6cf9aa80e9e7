import { expect } from 'vitest';
import { AppError } from '../../../main/model/app-error';
import type { LocalCloud } from '../../local-cloud/start-local-cloud';

/** Awaits a promise that must fail with an AppError, and answers that error. */
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    },
  );
}

/** An ID token for the pool's first user, signed by the pool: the identity stand-in verifies it. */
export function mintIdToken(cloud: LocalCloud, nickname: string): Promise<string> {
  const user = cloud.hostedUi.users[0];
  if (!user) throw new Error('the local cloud has no users');
  return cloud.hostedUi.knobs.signToken({
    sub: user.sub,
    aud: cloud.hostedUi.clientId,
    token_use: 'id',
    nickname,
    email: user.email,
  });
}
