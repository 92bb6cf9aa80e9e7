import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { loopbackRedirectUri, schemeRedirectUri } from './redirect-uris';
import { CodedError } from '../model/coded-error';

// AWS commercial, GovCloud and China region names: "eu-west-1", "us-gov-west-1", "cn-north-1".
const regionSource = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';
const regionPattern = new RegExp(`^${regionSource}$`);
const userPoolIdPattern = new RegExp(`^(${regionSource})_[0-9A-Za-z]+$`);
const identityPoolIdPattern = new RegExp(
  `^(${regionSource}):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
);
const cognitoDomainPattern = new RegExp(
  `^[a-z0-9-]+\\.auth\\.(${regionSource})\\.amazoncognito\\.com$`,
);
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export const identityProviderNames = ['COGNITO', 'LoginWithAmazon'] as const;
export const redirectUris = [loopbackRedirectUri, schemeRedirectUri] as const;

/** A required string field whose messages say what was wrong in words. */
function text(what: string) {
  return z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what} (a string)`),
  });
}

function parseUrl(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** https anywhere; plain http only to this machine, where the local test cloud listens. */
function isServiceUrl(value: string): boolean {
  const url = parseUrl(value);
  if (!url || url.username || url.password || url.search || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

function endpoint(example: string) {
  return text('a URL')
    .refine(isServiceUrl, {
      error: `must be an https URL (or http to localhost), e.g. "${example}"`,
    })
    .optional();
}

const endpointsSchema = z.strictObject(
  {
    s3: endpoint('https://s3.eu-west-1.amazonaws.com'),
    cognitoIdentity: endpoint('https://cognito-identity.eu-west-1.amazonaws.com'),
    rekognition: endpoint('https://rekognition.eu-west-1.amazonaws.com'),
    polly: endpoint('https://polly.eu-west-1.amazonaws.com'),
    hostedUiIssuer: endpoint('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123'),
    hostedUiBase: endpoint('https://shoebox-xyz.auth.eu-west-1.amazoncognito.com'),
  },
  { error: 'must be an object of service URLs' },
);

/** The app's cloud config: what `infra/shoebox-backend.yaml` creates, plus local-cloud overrides. */
export const shoeboxConfigSchema = z
  .strictObject(
    {
      region: text('an AWS region').regex(regionPattern, {
        error: 'must be an AWS region like "eu-west-1"',
      }),
      userPoolId: text('a user pool id').regex(userPoolIdPattern, {
        error: 'must look like "eu-west-1_AbCdEf123"',
      }),
      userPoolClientId: text('an app client id').regex(/^[0-9A-Za-z]{1,128}$/, {
        error: 'must be the app client id: letters and digits only, e.g. "4gh5vq8p1example2l1mn3o"',
      }),
      hostedUiDomain: text('a URL')
        .refine(
          (value) => {
            const url = parseUrl(value);
            return url?.protocol === 'https:' && url.origin === value.replace(/\/$/, '');
          },
          {
            error:
              'must be the Hosted UI origin with no path, e.g. "https://shoebox-xyz.auth.eu-west-1.amazoncognito.com"',
          },
        )
        .transform((value) => value.replace(/\/$/, '')),
      identityPoolId: text('an identity pool id').regex(identityPoolIdPattern, {
        error: 'must look like "eu-west-1:0a1b2c3d-4e5f-6789-abcd-ef0123456789"',
      }),
      bucket: text('a bucket name').check((ctx) => {
        const problem = bucketNameProblem(ctx.value);
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      }),
      redirectUri: z
        .enum(redirectUris, { error: `must be "${loopbackRedirectUri}" or "${schemeRedirectUri}"` })
        .default(loopbackRedirectUri),
      identityProviders: z
        .array(z.enum(identityProviderNames, { error: 'must be "COGNITO" or "LoginWithAmazon"' }), {
          error: 'must be a list like ["COGNITO", "LoginWithAmazon"]',
        })
        .min(1, { error: 'must name at least one identity provider' })
        .refine((names) => new Set(names).size === names.length, {
          error: 'must not name a provider twice',
        })
        .default(['COGNITO']),
      /**
       * The stack labels photos in the cloud (infra/labeller/): the app uploads each photo's label
       * derivative and never calls DetectLabels. Configs from before the option have none: false.
       */
      cloudLabelling: z.boolean({ error: 'must be true or false' }).default(false),
      endpoints: endpointsSchema.optional(),
      s3ForcePathStyle: z.boolean({ error: 'must be true or false' }).optional(),
    },
    { error: 'must be a JSON object' },
  )
  .check((ctx) => {
    const { region, userPoolId, identityPoolId, hostedUiDomain } = ctx.value;
    // A malformed region is already reported; comparing against it would only add noise.
    if (!regionPattern.test(region)) return;
    const mismatch = (path: string, found: string | undefined) => {
      if (found !== undefined && found !== region) {
        ctx.issues.push({
          code: 'custom',
          path: [path],
          input: found,
          message: `is in region "${found}" but region is "${region}"`,
        });
      }
    };
    mismatch('userPoolId', userPoolIdPattern.exec(userPoolId)?.[1]);
    mismatch('identityPoolId', identityPoolIdPattern.exec(identityPoolId)?.[1]);
    const host = parseUrl(hostedUiDomain)?.hostname ?? '';
    mismatch('hostedUiDomain', cognitoDomainPattern.exec(host)?.[1]);
  });

export type ShoeboxConfig = z.output<typeof shoeboxConfigSchema>;
export type ShoeboxConfigInput = z.input<typeof shoeboxConfigSchema>;
export type IdentityProviderName = (typeof identityProviderNames)[number];

function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!bucketPattern.test(name)) {
    return 'must use lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit';
  }
  if (name.includes('..')) return 'must not contain two dots in a row';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not look like an IP address';
  return undefined;
}

export type ParseShoeboxConfigResult =
  { ok: true; value: ShoeboxConfig } | { ok: false; errors: string[] };

/** Validates untrusted JSON; each error names the field by its dotted path. */
export function parseShoeboxConfig(json: unknown): ParseShoeboxConfigResult {
  const result = shoeboxConfigSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.flatMap(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${where ? `${where}.` : ''}${key}: is not a known setting`);
  }
  return [`${where || 'config'}: ${issue.message}`];
}

export type ShoeboxConfigFileErrorCode =
  'config-file-missing' | 'config-file-unreadable' | 'config-file-not-json' | 'config-file-invalid';

/** Why a config file could not be used; `problems` lists each schema failure. */
export class ShoeboxConfigFileError extends CodedError<ShoeboxConfigFileErrorCode> {
  constructor(
    code: ShoeboxConfigFileErrorCode,
    readonly file: string,
    message: string,
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}

/** Reads and validates a config file; every failure is a ShoeboxConfigFileError naming the file. */
export async function loadShoeboxConfigFile(file: string): Promise<ShoeboxConfig> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ShoeboxConfigFileError(
      missing ? 'config-file-missing' : 'config-file-unreadable',
      file,
      missing
        ? `Shoebox config file ${file} does not exist.`
        : `Shoebox config file ${file} could not be read: ${(cause as Error).message}`,
      [],
      { cause },
    );
  }
  let json: unknown;
  try {
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
    json = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new ShoeboxConfigFileError(
      'config-file-not-json',
      file,
      `Shoebox config file ${file} is not valid JSON: ${(cause as Error).message}`,
      [],
      { cause },
    );
  }
  const parsed = parseShoeboxConfig(json);
  if (!parsed.ok) {
    throw new ShoeboxConfigFileError(
      'config-file-invalid',
      file,
      `Shoebox config file ${file} has ${parsed.errors.length === 1 ? 'a problem' : `${parsed.errors.length} problems`}:\n${parsed.errors.map((error) => `  - ${error}`).join('\n')}`,
      parsed.errors,
    );
  }
  return parsed.value;
}
