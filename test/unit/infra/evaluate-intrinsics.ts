// A small evaluator for the intrinsic functions the backend template uses, so tests can ask
// "what does this property become when the stack is deployed with these parameters?".
import type { CfnTemplate } from './load-template';

export interface StackContext {
  /** Parameter values; template defaults fill the gaps. */
  readonly parameters?: Record<string, string>;
  /** What Ref gives for resources and pseudo parameters, e.g. { UserPool: 'eu-west-1_Abc' }. */
  readonly refs?: Record<string, string>;
  /** What GetAtt gives, keyed "Resource.Attribute". */
  readonly attributes?: Record<string, string>;
}

const noValue = Symbol('AWS::NoValue');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class StackEvaluator {
  private readonly parameters: Record<string, string>;

  constructor(
    private readonly template: CfnTemplate,
    private readonly context: StackContext = {},
  ) {
    const defaults = Object.fromEntries(
      Object.entries(template.Parameters).flatMap(([name, p]) =>
        p.Default === undefined ? [] : [[name, p.Default]],
      ),
    );
    this.parameters = { ...defaults, ...context.parameters };
  }

  condition(name: string): boolean {
    const definition = this.template.Conditions[name];
    if (definition === undefined) throw new Error(`no condition ${name}`);
    const value = this.evaluate(definition);
    if (typeof value !== 'boolean') throw new Error(`condition ${name} is not a boolean`);
    return value;
  }

  /** Whether a resource would be created at all. */
  creates(resource: string): boolean {
    const definition = this.template.Resources[resource];
    if (!definition) throw new Error(`no resource ${resource}`);
    return definition.Condition === undefined || this.condition(definition.Condition);
  }

  /** Resolved JSON; unknown because tests say which shape they expect. */
  evaluate(value: unknown): unknown {
    const result = this.walk(value);
    if (result === noValue) throw new Error('AWS::NoValue at the top level');
    return result;
  }

  private walk(value: unknown): Json | typeof noValue {
    if (Array.isArray(value)) {
      return value.map((item) => this.walk(item)).filter((item) => item !== noValue);
    }
    if (value === null || typeof value !== 'object') return value as Json;
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
      return this.call(first[0], first[1]);
    }
    if (entries.length === 1 && first && first[0] === 'Condition' && typeof first[1] === 'string') {
      return this.condition(first[1]);
    }
    const out: Record<string, Json> = {};
    for (const [key, item] of entries) {
      const resolved = this.walk(item);
      if (resolved !== noValue) out[key] = resolved;
    }
    return out;
  }

  private call(name: string, argument: unknown): Json | typeof noValue {
    const args = (): Json[] => {
      const list = this.walk(argument);
      if (!Array.isArray(list)) throw new Error(`${name} wants a list`);
      return list;
    };
    switch (name) {
      case 'Ref':
        return argument === 'AWS::NoValue' ? noValue : this.ref(String(argument));
      case 'Fn::GetAtt': {
        const [resource, attribute] = argument as [string, string];
        return this.lookup(this.context.attributes, `${resource}.${attribute}`, 'GetAtt');
      }
      case 'Fn::Sub':
        return this.sub(argument);
      case 'Fn::If': {
        const [conditionName, whenTrue, whenFalse] = argument as [string, unknown, unknown];
        return this.walk(this.condition(conditionName) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = args();
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !args()[0];
      case 'Fn::And':
        return args().every(Boolean);
      case 'Fn::Or':
        return args().some(Boolean);
      case 'Fn::Join': {
        const [separator, items] = args() as [string, Json[]];
        return items.join(separator);
      }
      case 'Fn::Select': {
        const [index, items] = args() as [string | number, Json[]];
        return items[Number(index)] ?? null;
      }
      case 'Fn::Split': {
        const [separator, text] = args() as [string, string];
        return text.split(separator);
      }
      default:
        throw new Error(`the test evaluator does not know ${name}`);
    }
  }

  private ref(name: string): string {
    return this.parameters[name] ?? this.lookup(this.context.refs, name, 'Ref');
  }

  private lookup(table: Record<string, string> | undefined, key: string, what: string): string {
    const value = table?.[key];
    if (value === undefined) throw new Error(`${what} ${key}: no value given to the evaluator`);
    return value;
  }

  // ${Name} is a parameter, resource or pseudo parameter; ${Res.Attr} a GetAtt; ${!x} a literal ${x}.
  private sub(argument: unknown): string {
    const [text, variables] = Array.isArray(argument)
      ? (argument as [string, Record<string, unknown>])
      : [argument as string, {}];
    return text.replace(/\$\{(!?)([^}]+)\}/g, (_match, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (name in variables) return String(this.walk(variables[name]));
      if (name.includes('.') && !name.startsWith('AWS::')) {
        return this.lookup(this.context.attributes, name, 'GetAtt');
      }
      return this.ref(name);
    });
  }
}

/** Every logical name the template refers to (Ref, GetAtt, ${…} in Sub, If conditions). */
export function referencedNames(value: unknown): { names: Set<string>; conditions: Set<string> } {
  const names = new Set<string>();
  const conditions = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, item] of Object.entries(node)) {
      if (key === 'Ref' && typeof item === 'string') names.add(item);
      if (key === 'Fn::GetAtt' && Array.isArray(item)) names.add(String(item[0]));
      if (key === 'Fn::If' && Array.isArray(item)) conditions.add(String(item[0]));
      if (key === 'Condition' && typeof item === 'string') conditions.add(item);
      if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(item) ? item : [item, {}];
        for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = (match[1] ?? '').split('.')[0] ?? '';
          if (!(name in (variables as object))) names.add(name);
        }
      }
      visit(item);
    }
  };
  visit(value);
  return { names, conditions };
}
