import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadShoeboxConfigFile,
  ShoeboxConfigFileError,
  type ShoeboxConfigFileErrorCode,
} from '../../../main/config/shoebox-config';

const valid = {
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  userPoolClientId: '4gh5vq8p1example2l1mn3o',
  hostedUiDomain: 'https://shoebox-xyz.auth.eu-west-1.amazoncognito.com',
  identityPoolId: 'eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  bucket: 'shoebox-photobucket-1a2b3c4d5e6f',
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shoebox-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function failure(file: string): Promise<ShoeboxConfigFileError> {
  const error: unknown = await loadShoeboxConfigFile(file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ShoeboxConfigFileError);
  return error as ShoeboxConfigFileError;
}

function expectCode(error: ShoeboxConfigFileError, code: ShoeboxConfigFileErrorCode): void {
  expect(error.code).toBe(code);
}

describe('loadShoeboxConfigFile', () => {
  it('loads a valid file, byte-order mark or not', async () => {
    const plain = await write('plain.json', JSON.stringify(valid));
    const marked = await write('marked.json', `\uFEFF${JSON.stringify(valid, null, 2)}`);
    await expect(loadShoeboxConfigFile(plain)).resolves.toMatchObject(valid);
    await expect(loadShoeboxConfigFile(marked)).resolves.toMatchObject(valid);
  });

  it('says the file does not exist', async () => {
    const file = join(dir, 'missing.json');
    const error = await failure(file);
    expectCode(error, 'config-file-missing');
    expect(error.message).toBe(`Shoebox config file ${file} does not exist.`);
    expect(error.file).toBe(file);
  });

  it('says a directory cannot be read', async () => {
    const error = await failure(dir);
    expectCode(error, 'config-file-unreadable');
    expect(error.message).toContain(`Shoebox config file ${dir} could not be read`);
  });

  it('says the file is not JSON', async () => {
    const file = await write('broken.json', '{ "region": "eu-west-1", ');
    const error = await failure(file);
    expectCode(error, 'config-file-not-json');
    expect(error.message).toMatch(new RegExp(`^Shoebox config file ${file} is not valid JSON: `));
  });

  it('lists every schema problem with the field it concerns', async () => {
    const file = await write(
      'invalid.json',
      JSON.stringify({ ...valid, userPoolId: 'nope', colour: 'blue' }),
    );
    const error = await failure(file);
    expectCode(error, 'config-file-invalid');
    expect(error.problems).toEqual([
      'userPoolId: must look like "eu-west-1_AbCdEf123"',
      'colour: is not a known setting',
    ]);
    expect(error.message).toBe(
      `Shoebox config file ${file} has 2 problems:\n` +
        '  - userPoolId: must look like "eu-west-1_AbCdEf123"\n' +
        '  - colour: is not a known setting',
    );
  });
});
