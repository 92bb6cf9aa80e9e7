// cfn-lint (Python) checks resource types, property names and values against CloudFormation's
// own resource schemas. Where it is not installed, the tests that use it say they were skipped.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const hasCfnLint = spawnSync('cfn-lint', ['--version']).status === 0;

export interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Location: { readonly Path: readonly (string | number)[] };
}

/** cfn-lint's findings for a template file (it exits non-zero whenever it finds any). */
export async function cfnLint(file: string): Promise<CfnLintFinding[]> {
  const answer = await run('cfn-lint', ['--format', 'json', file]).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(answer.stdout || '[]') as CfnLintFinding[];
}
