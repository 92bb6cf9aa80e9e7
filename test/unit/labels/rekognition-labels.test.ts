import { describe, expect, it } from 'vitest';
import { classifyLabelError } from '../../../main/aws/rekognition-labels';
import { LabelImageError } from '../../../main/model/label-image-error';

/** An error shaped as the AWS SDK throws them. */
function awsError(name: string, status: number, message = 'says no'): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('classifyLabelError', () => {
  it('fails at once when the image is the problem, saying so', () => {
    for (const name of [
      'InvalidImageFormatException',
      'ImageTooLargeException',
      'InvalidParameterException',
    ]) {
      expect(classifyLabelError(awsError(name, 400))).toMatchObject({
        kind: 'fail',
        reason: expect.stringMatching(/image made from this photo/),
      });
    }
    expect(
      classifyLabelError(new LabelImageError('too-small', 'This photo is 40 × 40 pixels.')),
    ).toEqual({ kind: 'fail', reason: 'This photo is 40 × 40 pixels.' });
  });

  it('retries throttling and server errors, naming them', () => {
    expect(classifyLabelError(awsError('ProvisionedThroughputExceededException', 400))).toEqual({
      kind: 'retry',
      reason: 'Rekognition was too busy to answer (ProvisionedThroughputExceededException).',
    });
    expect(classifyLabelError(awsError('ThrottlingException', 400)).kind).toBe('retry');
    expect(classifyLabelError(awsError('InternalServerError', 500))).toEqual({
      kind: 'retry',
      reason: 'Rekognition had a server error (InternalServerError, HTTP 500).',
    });
  });

  it('waits without an attempt while offline or without credentials', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyLabelError(refused)).toMatchObject({
      kind: 'wait',
      reason: expect.stringMatching(/network/),
    });
    const noDns = Object.assign(new Error('getaddrinfo ENOTFOUND rekognition.amazonaws.com'), {
      code: 'ENOTFOUND',
    });
    expect(classifyLabelError(noDns).kind).toBe('wait');
    const noCredentials = Object.assign(new Error('token expired'), { name: 'AuthError' });
    expect(classifyLabelError(noCredentials).kind).toBe('wait');
  });

  it('fails at once on a refusal retrying cannot fix, and tells a stop from a failure', () => {
    expect(classifyLabelError(awsError('AccessDeniedException', 403, 'not allowed'))).toEqual({
      kind: 'fail',
      reason: 'Rekognition refused the request (AccessDeniedException: not allowed).',
    });
    expect(classifyLabelError(new Error('disk on fire')).reason).toBe(
      'This photo could not be labelled (disk on fire).',
    );
    const abort = new AbortController();
    abort.abort();
    expect(classifyLabelError(new Error('whatever'), abort.signal).kind).toBe('stopped');
  });
});
