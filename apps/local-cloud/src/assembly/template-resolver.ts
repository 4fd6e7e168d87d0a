/**
 * Resolves CloudFormation intrinsics across every stack of every app, as CloudFormation would at
 * deploy time but with local names: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split,
 * Fn::If and the condition functions, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ImportValue,
 * Fn::ToJsonString, Fn::Length, the AWS pseudo parameters, and CFN parameters (an
 * `AWS::SSM::Parameter::Value<String>` parameter takes the value of the `AWS::SSM::Parameter`
 * resource with that name in any stack: that is how the orchestration finds the other teams'
 * functions). Resolution is lazy: only what the model reads is resolved, so an unused property
 * the local cloud cannot resolve does not stop it.
 */
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../model';
import type { CfnResource, StackTemplate } from './cloud-assembly';
import { UnresolvableReferenceError, UnsupportedFeatureError, type TemplateLocation } from './errors';
import { generatedName, localArn } from './local-names';
import { RESOURCE_TYPES, serviceOfType, type ResourceFacts } from './resource-types';

/** `Ref: AWS::NoValue`: the property is removed from its object or list. */
const NO_VALUE = Symbol('AWS::NoValue');

const PSEUDO_PARAMETERS: Record<string, (stack: StackTemplate) => unknown> = {
  'AWS::Region': () => LOCAL_REGION,
  'AWS::AccountId': () => LOCAL_ACCOUNT,
  'AWS::Partition': () => 'aws',
  'AWS::URLSuffix': () => 'amazonaws.com',
  'AWS::StackName': (stack) => stack.stackName,
  'AWS::StackId': (stack) => localArn('cloudformation', `stack/${stack.stackName}/00000000-0000-0000-0000-000000000000`),
  'AWS::NotificationARNs': () => [],
  'AWS::NoValue': () => NO_VALUE,
};

const AVAILABILITY_ZONES = ['a', 'b', 'c'].map((z) => `${LOCAL_REGION}${z}`);

/** A resource of some stack. */
export interface ResourceHandle {
  stack: StackTemplate;
  logicalId: string;
  resource: CfnResource;
}

const key = (stack: StackTemplate, id: string) => `${stack.app}/${stack.stackName}/${id}`;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TemplateResolver {
  private readonly names = new Map<string, string>();
  private readonly resolving = new Set<string>();
  private readonly parameters = new Map<string, unknown>();
  private ssmIndex?: Map<string, ResourceHandle[]>;
  private exportIndex?: Map<string, { stack: StackTemplate; outputId: string }>;

  constructor(readonly stacks: readonly StackTemplate[]) {}

  /** Every resource of every stack whose condition holds, optionally of one type. */
  resources(type?: string): ResourceHandle[] {
    const found: ResourceHandle[] = [];
    for (const stack of this.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
        if (type && resource.Type !== type) continue;
        if (resource.Condition && !this.condition(stack, resource.Condition, { app: stack.app, stackName: stack.stackName, logicalId, property: 'Condition' })) continue;
        found.push({ stack, logicalId, resource });
      }
    }
    return found;
  }

  /** Resolves one property of a resource (undefined when absent or AWS::NoValue). */
  property(handle: ResourceHandle, name: string): unknown {
    const raw = handle.resource.Properties?.[name];
    if (raw === undefined) return undefined;
    const at = { app: handle.stack.app, stackName: handle.stack.stackName, logicalId: handle.logicalId, property: `Properties.${name}` };
    return this.guard(`${key(handle.stack, handle.logicalId)}#${name}`, at, () => this.resolveValue(handle.stack, raw, at));
  }

  /** Resolves any template value in the context of a stack. */
  resolve(stack: StackTemplate, value: unknown, at: TemplateLocation): unknown {
    const resolved = this.resolveValue(stack, value, at);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** The local physical name of a resource: its name property, or `<Stack>-<construct path>`. */
  physicalName(handle: ResourceHandle): string {
    const k = key(handle.stack, handle.logicalId);
    const known = this.names.get(k);
    if (known !== undefined) return known;
    const spec = RESOURCE_TYPES[handle.resource.Type];
    let name: string | undefined;
    if (spec?.nameProperty) {
      const explicit = this.property(handle, spec.nameProperty);
      if (explicit !== undefined) name = String(explicit);
    }
    if (name === undefined) {
      const path = handle.stack.constructPaths.get(handle.logicalId);
      name = generatedName(handle.stack.stackName, path, handle.logicalId, spec?.nameKind ?? 'generic');
      if (spec?.generatedSuffix) name = name.slice(0, 75) + spec.generatedSuffix(this.facts(handle, ''));
    }
    this.names.set(k, name);
    return name;
  }

  /** What `Ref` returns for a resource. */
  refOf(handle: ResourceHandle): unknown {
    const spec = RESOURCE_TYPES[handle.resource.Type];
    const facts = this.facts(handle, this.physicalName(handle));
    return spec ? spec.ref(facts) : facts.name;
  }

  /** What `Fn::GetAtt` returns for a resource attribute. */
  attributeOf(handle: ResourceHandle, attribute: string, at: TemplateLocation): unknown {
    const spec = RESOURCE_TYPES[handle.resource.Type];
    const facts = this.facts(handle, this.physicalName(handle));
    const get = spec?.attributes[attribute];
    if (get) return get(facts);
    if (!spec && attribute === 'Arn') return localArn(serviceOfType(handle.resource.Type), `${handle.resource.Type.split('::')[2]?.toLowerCase()}/${facts.name}`);
    throw new UnresolvableReferenceError(at, `Fn::GetAtt ${handle.logicalId}.${attribute}: attribute ${attribute} of ${handle.resource.Type} has no local value`);
  }

  /** Finds a resource of a stack by logical id (undefined when absent or its condition is false). */
  find(stack: StackTemplate, logicalId: string): ResourceHandle | undefined {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) return undefined;
    if (resource.Condition && !this.condition(stack, resource.Condition, { app: stack.app, stackName: stack.stackName, logicalId, property: 'Condition' })) return undefined;
    return { stack, logicalId, resource };
  }

  /** The `AWS::SSM::Parameter` resources named `name`, in any stack of any app. */
  ssmParameter(name: string): ResourceHandle[] {
    if (!this.ssmIndex) {
      this.ssmIndex = new Map();
      for (const handle of this.resources('AWS::SSM::Parameter')) {
        const paramName = this.physicalName(handle);
        this.ssmIndex.set(paramName, [...(this.ssmIndex.get(paramName) ?? []), handle]);
      }
    }
    return this.ssmIndex.get(name) ?? [];
  }

  private facts(handle: ResourceHandle, name: string): ResourceFacts {
    return { name, seed: key(handle.stack, handle.logicalId), property: (p) => this.property(handle, p) };
  }

  /** Runs `fn` unless the same resolution is already under way (a reference cycle). */
  private guard<T>(id: string, at: TemplateLocation, fn: () => T): T {
    if (this.resolving.has(id)) throw new UnresolvableReferenceError(at, `circular reference while resolving ${id}`);
    this.resolving.add(id);
    try {
      return fn();
    } finally {
      this.resolving.delete(id);
    }
  }

  private resolveValue(stack: StackTemplate, value: unknown, at: TemplateLocation): unknown {
    if (Array.isArray(value)) {
      return value.map((v, i) => this.resolveValue(stack, v, { ...at, property: `${at.property}.${i}` })).filter((v) => v !== NO_VALUE);
    }
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    const only = keys.length === 1 ? keys[0] : undefined;
    if (only === 'Ref') return this.ref(stack, value.Ref, at);
    if (only === 'Condition' && typeof value.Condition === 'string') return this.condition(stack, value.Condition, at);
    if (only?.startsWith('Fn::')) return this.intrinsic(stack, only, value[only], { ...at, property: `${at.property}.${only}` });
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = this.resolveValue(stack, value[k], { ...at, property: at.property ? `${at.property}.${k}` : k });
      if (v !== NO_VALUE) out[k] = v;
    }
    return out;
  }

  private ref(stack: StackTemplate, name: unknown, at: TemplateLocation): unknown {
    if (typeof name !== 'string') throw new UnresolvableReferenceError(at, `Ref needs a name, got ${JSON.stringify(name)}`);
    const pseudo = PSEUDO_PARAMETERS[name];
    if (pseudo) return pseudo(stack);
    if (stack.template.Parameters?.[name]) return this.parameter(stack, name, at);
    const handle = this.find(stack, name);
    if (!handle) throw new UnresolvableReferenceError(at, `Ref ${name}: no parameter or resource ${name} in stack ${stack.stackName}`);
    return this.refOf(handle);
  }

  private parameter(stack: StackTemplate, name: string, at: TemplateLocation): unknown {
    const k = key(stack, `Parameters.${name}`);
    if (this.parameters.has(k)) return this.parameters.get(k);
    const declared = stack.template.Parameters?.[name];
    if (!declared) throw new UnresolvableReferenceError(at, `parameter ${name} is not declared in stack ${stack.stackName}`);
    const here = { app: stack.app, stackName: stack.stackName, logicalId: name, property: 'Default' };
    let value: unknown;
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(declared.Type);
    if (ssm) {
      if (typeof declared.Default !== 'string') throw new UnresolvableReferenceError(here, `SSM parameter type without a Default parameter name`);
      const handles = this.ssmParameter(declared.Default);
      if (handles.length === 0) {
        throw new UnresolvableReferenceError(
          here,
          `no stack of any app declares the AWS::SSM::Parameter "${declared.Default}" (referenced from ${at.logicalId} ${at.property}); synthesize the app that publishes it`,
        );
      }
      if (handles.length > 1) {
        const where = handles.map((h) => `${h.stack.app}/${h.stack.stackName} ${h.logicalId}`).join(', ');
        throw new UnresolvableReferenceError(here, `the SSM parameter "${declared.Default}" is declared more than once: ${where}`);
      }
      const [publisher] = handles as [ResourceHandle];
      const raw = this.guard(`ssm:${declared.Default}`, here, () => this.property(publisher, 'Value'));
      if (ssm[1] === 'String') value = raw;
      else if (ssm[1] === 'List<String>' || ssm[1] === 'CommaDelimitedList') value = String(raw).split(',');
      else throw new UnsupportedFeatureError(here, `parameter type ${declared.Type} is not supported locally`);
    } else if (declared.Default !== undefined) {
      value = declared.Type === 'CommaDelimitedList' || declared.Type.startsWith('List<') ? String(declared.Default).split(',') : declared.Default;
    } else {
      throw new UnresolvableReferenceError(here, `parameter ${name} (${declared.Type}) has no Default, so it has no local value (referenced from ${at.logicalId} ${at.property})`);
    }
    this.parameters.set(k, value);
    return value;
  }

  private condition(stack: StackTemplate, name: string, at: TemplateLocation): boolean {
    const body = stack.template.Conditions?.[name];
    if (body === undefined) throw new UnresolvableReferenceError(at, `condition ${name} is not declared in stack ${stack.stackName}`);
    const here = { app: stack.app, stackName: stack.stackName, logicalId: name, property: 'Conditions' };
    return Boolean(this.guard(key(stack, `Conditions.${name}`), here, () => this.resolveValue(stack, body, here)));
  }

  private getAtt(stack: StackTemplate, args: unknown, at: TemplateLocation): unknown {
    let logicalId: string;
    let attribute: string;
    if (typeof args === 'string') {
      const dot = args.indexOf('.');
      logicalId = args.slice(0, dot);
      attribute = args.slice(dot + 1);
    } else if (Array.isArray(args) && args.length === 2) {
      logicalId = String(args[0]);
      attribute = String(this.resolveValue(stack, args[1], at));
    } else {
      throw new UnresolvableReferenceError(at, `Fn::GetAtt needs [logicalId, attribute], got ${JSON.stringify(args)}`);
    }
    const handle = this.find(stack, logicalId);
    if (!handle) throw new UnresolvableReferenceError(at, `Fn::GetAtt ${logicalId}.${attribute}: no resource ${logicalId} in stack ${stack.stackName}`);
    return this.attributeOf(handle, attribute, at);
  }

  private sub(stack: StackTemplate, args: unknown, at: TemplateLocation): string {
    let text: unknown = args;
    let variables: Record<string, unknown> = {};
    if (Array.isArray(args)) {
      text = args[0];
      const vars = this.resolveValue(stack, args[1] ?? {}, at);
      if (!isObject(vars)) throw new UnresolvableReferenceError(at, 'Fn::Sub variables must be an object');
      variables = vars;
    }
    if (typeof text !== 'string') throw new UnresolvableReferenceError(at, 'Fn::Sub needs a string');
    return text.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
      if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
      const name = expression.trim();
      if (name in variables) return String(variables[name]);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return String(this.getAtt(stack, name, at));
      return String(this.ref(stack, name, at));
    });
  }

  private intrinsic(stack: StackTemplate, fn: string, args: unknown, at: TemplateLocation): unknown {
    const value = (v: unknown) => this.resolveValue(stack, v, at);
    const list = (v: unknown, what: string): unknown[] => {
      const resolved = value(v);
      if (!Array.isArray(resolved)) throw new UnresolvableReferenceError(at, `${fn} needs a list for ${what}, got ${JSON.stringify(resolved)}`);
      return resolved;
    };
    switch (fn) {
      case 'Fn::GetAtt':
        return this.getAtt(stack, args, at);
      case 'Fn::Join': {
        if (!Array.isArray(args) || args.length !== 2) throw new UnresolvableReferenceError(at, 'Fn::Join needs [delimiter, list]');
        return list(args[1], 'the values').map(String).join(String(args[0]));
      }
      case 'Fn::Sub':
        return this.sub(stack, args, at);
      case 'Fn::Select': {
        if (!Array.isArray(args) || args.length !== 2) throw new UnresolvableReferenceError(at, 'Fn::Select needs [index, list]');
        const index = Number(value(args[0]));
        const items = list(args[1], 'the list');
        if (!Number.isInteger(index) || index < 0 || index >= items.length) throw new UnresolvableReferenceError(at, `Fn::Select index ${index} is out of range (${items.length} items)`);
        return items[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(args) || args.length !== 2) throw new UnresolvableReferenceError(at, 'Fn::Split needs [delimiter, string]');
        return String(value(args[1])).split(String(args[0]));
      }
      case 'Fn::If': {
        if (!Array.isArray(args) || args.length !== 3) throw new UnresolvableReferenceError(at, 'Fn::If needs [condition, then, else]');
        return this.condition(stack, String(args[0]), at) ? value(args[1]) : value(args[2]);
      }
      case 'Fn::Equals': {
        const [a, b] = list(args, 'the operands');
        return JSON.stringify(a) === JSON.stringify(b) || String(a) === String(b);
      }
      case 'Fn::And':
        return list(args, 'the conditions').every(Boolean);
      case 'Fn::Or':
        return list(args, 'the conditions').some(Boolean);
      case 'Fn::Not':
        return !list(args, 'the condition')[0];
      case 'Fn::FindInMap': {
        const [map, top, second] = list(args, 'the keys').map(String);
        const found = stack.template.Mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
        if (found === undefined) throw new UnresolvableReferenceError(at, `Fn::FindInMap ${map}.${top}.${second} is not in the template's Mappings`);
        return found;
      }
      case 'Fn::Base64':
        return Buffer.from(String(value(args))).toString('base64');
      case 'Fn::GetAZs':
        return AVAILABILITY_ZONES;
      case 'Fn::Length':
        return list(args, 'the list').length;
      case 'Fn::ToJsonString':
        return JSON.stringify(value(args));
      case 'Fn::ImportValue':
        return this.importValue(String(value(args)), at);
      default:
        throw new UnsupportedFeatureError(at, `intrinsic function ${fn} is not supported by the local cloud`);
    }
  }

  private importValue(exportName: string, at: TemplateLocation): unknown {
    if (!this.exportIndex) {
      this.exportIndex = new Map();
      for (const stack of this.stacks) {
        for (const [outputId, output] of Object.entries(stack.template.Outputs ?? {})) {
          if (!output.Export) continue;
          const here = { app: stack.app, stackName: stack.stackName, logicalId: outputId, property: 'Export.Name' };
          this.exportIndex.set(String(this.resolve(stack, output.Export.Name, here)), { stack, outputId });
        }
      }
    }
    const found = this.exportIndex.get(exportName);
    if (!found) throw new UnresolvableReferenceError(at, `Fn::ImportValue ${exportName}: no stack of any app exports it`);
    const here = { app: found.stack.app, stackName: found.stack.stackName, logicalId: found.outputId, property: 'Value' };
    return this.guard(`export:${exportName}`, here, () => this.resolve(found.stack, found.stack.template.Outputs?.[found.outputId]?.Value, here));
  }
}
