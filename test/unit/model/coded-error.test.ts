import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../main/auth/auth-error';
import { CatalogError } from '../../../main/catalog/open-catalog';
import { ImportFileError } from '../../../main/import/import-failure';
import { CodedError } from '../../../main/model/coded-error';
import { UploadRefusal } from '../../../main/hosts/web/upload-refusal';

describe('the one error shape', () => {
  it('keeps the code, the words, the cause and the class name', () => {
    const cause = new Error('ECONNRESET');
    const error = new AuthError('network', 'The sign-in service cannot be reached.', { cause });
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.message, error.cause, error.name]).toEqual([
      'network',
      'The sign-in service cannot be reached.',
      cause,
      'AuthError',
    ]);
    expect(String(new CatalogError('too new'))).toBe('CatalogError: too new');
  });

  it('is what import failures and upload refusals are built from', () => {
    expect(new ImportFileError('truncated', 'cut short').toFailure('/a.jpg')).toEqual({
      path: '/a.jpg',
      reason: 'truncated',
      message: 'cut short',
    });
    expect(new UploadRefusal('disk-full', 'full').status).toBe(507);
    expect(new UploadRefusal('size-unknown', 'no length').status).toBe(411);
  });
});
