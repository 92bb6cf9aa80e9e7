import { z } from 'zod';
import {
  parseShoeboxConfig,
  type ParseShoeboxConfigResult,
  type ShoeboxConfig,
  type ShoeboxConfigInput,
} from '../main/config/shoebox-config';

/** Which CloudFormation output of infra/shoebox-backend.yaml fills which config field. */
export const outputKeyByField = {
  region: 'Region',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  hostedUiDomain: 'HostedUiDomain',
  identityPoolId: 'IdentityPoolId',
  bucket: 'Bucket',
  identityProviders: 'IdentityProviders',
  cloudLabelling: 'CloudLabelling',
} as const satisfies Partial<Record<keyof ShoeboxConfig, string>>;

export type StackOutputField = keyof typeof outputKeyByField;
export type StackOutputKey = (typeof outputKeyByField)[StackOutputField];

export interface StackOutput {
  readonly OutputKey: string;
  readonly OutputValue: string;
}

// Loose objects: describe-stacks adds Description, ExportName and stack details we do not need.
const outputSchema = z.object({ OutputKey: z.string(), OutputValue: z.string() });
const outputListSchema = z.array(outputSchema);
const describeStacksSchema = z.object({
  Stacks: z.array(z.object({ Outputs: outputListSchema.optional() })),
});

const fields = Object.keys(outputKeyByField) as StackOutputField[];

export interface ConfigFromStackOutputsOptions {
  /** Defaults to the loopback redirect; a packaged app uses the shoebox:// scheme. */
  readonly redirectUri?: ShoeboxConfigInput['redirectUri'];
}

/**
 * Builds the app's config from `aws cloudformation describe-stacks` output: either the
 * `Stacks[0].Outputs` array or the whole `{ Stacks: [...] }` answer.
 */
export function configFromStackOutputs(
  json: unknown,
  options: ConfigFromStackOutputsOptions = {},
): ParseShoeboxConfigResult {
  const outputs = readOutputs(json);
  if (!outputs.ok) return outputs;
  const values = new Map(outputs.value.map((output) => [output.OutputKey, output.OutputValue]));
  // Stacks from before CloudLabelling existed have no such output, and label in the app.
  const optional: readonly StackOutputField[] = ['cloudLabelling'];
  const missing = fields.filter(
    (field) => !values.has(outputKeyByField[field]) && !optional.includes(field),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map(
        (field) => `stack output ${outputKeyByField[field]} is missing (it gives ${field})`,
      ),
    };
  }
  const value = (field: StackOutputField): string => values.get(outputKeyByField[field]) ?? '';
  const parsed = parseShoeboxConfig({
    region: value('region'),
    userPoolId: value('userPoolId'),
    userPoolClientId: value('userPoolClientId'),
    hostedUiDomain: value('hostedUiDomain'),
    identityPoolId: value('identityPoolId'),
    bucket: value('bucket'),
    identityProviders: value('identityProviders')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    ...(values.has(outputKeyByField.cloudLabelling)
      ? { cloudLabelling: booleanOutput(value('cloudLabelling')) }
      : {}),
    ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
  });
  if (parsed.ok) return parsed;
  return { ok: false, errors: parsed.errors.map(nameTheOutput) };
}

/** The outputs a stack would have produced for this config (the reverse of the mapping). */
export function stackOutputsFromConfig(config: ShoeboxConfig): StackOutput[] {
  return fields.map((field) => {
    const value = config[field];
    return {
      OutputKey: outputKeyByField[field],
      OutputValue: Array.isArray(value) ? value.join(',') : String(value),
    };
  });
}

/** "true"/"false" as the template prints them; anything else is left for the schema to name. */
function booleanOutput(text: string): boolean | string {
  return text === 'true' ? true : text === 'false' ? false : text;
}

function readOutputs(
  json: unknown,
): { ok: true; value: StackOutput[] } | { ok: false; errors: string[] } {
  const list = outputListSchema.safeParse(json);
  if (list.success) return { ok: true, value: list.data };
  const described = describeStacksSchema.safeParse(json);
  if (!described.success) {
    return {
      ok: false,
      errors: [
        'expected the JSON of `aws cloudformation describe-stacks` ({"Stacks":[...]}) or of its Stacks[0].Outputs ([{"OutputKey":...,"OutputValue":...}])',
      ],
    };
  }
  const stacks = described.data.Stacks;
  if (stacks.length !== 1) {
    return {
      ok: false,
      errors: [`expected exactly one stack, found ${stacks.length}: pass --stack-name`],
    };
  }
  return { ok: true, value: stacks[0]?.Outputs ?? [] };
}

/** "userPoolId: must look like …" → "userPoolId (stack output UserPoolId): must look like …". */
function nameTheOutput(error: string): string {
  const colon = error.indexOf(': ');
  const path = error.slice(0, colon);
  const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
  if (colon < 0 || !field) return error;
  return `${path} (stack output ${outputKeyByField[field]})${error.slice(colon)}`;
}
