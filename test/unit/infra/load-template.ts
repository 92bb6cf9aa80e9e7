// Reads a CloudFormation template written with short-form tags (!Ref, !Sub, …) into the
// long form CloudFormation itself sees ({ Ref: … }, { 'Fn::Sub': … }), so tests can walk it.
import { readFileSync } from 'node:fs';
import { parseDocument, type ScalarTag, type CollectionTag } from 'yaml';

export interface CfnResource {
  readonly Type: string;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
  readonly Metadata?: Record<string, unknown>;
  readonly UpdateReplacePolicy?: string;
  readonly Properties?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly AWSTemplateFormatVersion?: string;
  readonly Parameters: Record<string, { Type: string; Default?: string; NoEcho?: boolean }>;
  readonly Conditions: Record<string, unknown>;
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs: Record<string, { Value: unknown; Description?: string }>;
}

// Tags whose argument is a scalar, a sequence, or (for !Sub/!Select…) either.
const functionNames: Record<string, string> = {
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  Sub: 'Fn::Sub',
  Transform: 'Fn::Transform',
  And: 'Fn::And',
  Equals: 'Fn::Equals',
  If: 'Fn::If',
  Not: 'Fn::Not',
  Or: 'Fn::Or',
};

function cloudFormationTags(): (ScalarTag | CollectionTag)[] {
  const tags: (ScalarTag | CollectionTag)[] = [
    { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
    { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
    // !GetAtt Resource.Attribute is shorthand for [Resource, Attribute].
    {
      tag: '!GetAtt',
      resolve: (value: string) => {
        const dot = value.indexOf('.');
        return { 'Fn::GetAtt': [value.slice(0, dot), value.slice(dot + 1)] };
      },
    },
    {
      tag: '!GetAtt',
      collection: 'seq',
      resolve: (seq) => ({ 'Fn::GetAtt': seq.toJSON() }),
    },
  ];
  for (const [short, long] of Object.entries(functionNames)) {
    tags.push(
      { tag: `!${short}`, resolve: (value: string) => ({ [long]: value }) },
      { tag: `!${short}`, collection: 'seq', resolve: (seq) => ({ [long]: seq.toJSON() }) },
      { tag: `!${short}`, collection: 'map', resolve: (map) => ({ [long]: map.toJSON() }) },
    );
  }
  return tags;
}

/** Parses template text; any YAML error or unknown tag fails loudly instead of being dropped. */
export function parseTemplate(source: string): CfnTemplate {
  const document = parseDocument(source, { customTags: cloudFormationTags(), uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    throw new Error(`template does not parse:\n${problems.map((p) => p.message).join('\n')}`);
  }
  const template = document.toJS() as Partial<CfnTemplate> | null;
  if (!template?.Resources) throw new Error('template has no Resources');
  return {
    Parameters: {},
    Conditions: {},
    Outputs: {},
    ...template,
    Resources: template.Resources,
  };
}

export const backendTemplatePath = new URL('../../../infra/shoebox-backend.yaml', import.meta.url);

export function loadBackendTemplate(): CfnTemplate {
  return parseTemplate(readFileSync(backendTemplatePath, 'utf8'));
}
