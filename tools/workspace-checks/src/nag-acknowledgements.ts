/**
 * Every cdk-nag finding a stack accepts must say why, where a reviewer reads it. Two mechanisms can
 * accept one: CDK's validation acknowledgements (what `acknowledgeNag` records, as
 * `aws:cdk:acknowledged-rules` metadata in the cloud assembly) and cdk-nag's own suppressions
 * (`Metadata.cdk_nag.rules_to_suppress` on a template resource). Both are read, so neither can be
 * used to slip a finding through without a reason. A wildcard acknowledgement (`AwsSolutions-IAM5`
 * without the `[finding]` it is about) would hide every future wildcard on that construct, so it
 * is refused too.
 */
import type { DeployedStack } from './cloud-assemblies';
import { MIN_REASON_LENGTH } from './least-privilege';
import { asList, isObject, resourcesOf } from './template-values';

/** One accepted finding. */
export interface NagAcknowledgement {
  /** Construct path or logical id it is attached to. */
  where: string;
  rule: string;
  reason: string;
  /** How it was recorded. */
  mechanism: 'acknowledgement' | 'suppression';
}

/** Granular rules, whose acknowledgement must name the one finding it accepts. */
const GRANULAR_RULES = ['AwsSolutions-IAM4', 'AwsSolutions-IAM5'];

/** Every acknowledgement and suppression of a stack. */
export function nagAcknowledgements(stack: Pick<DeployedStack, 'template' | 'metadata'>): NagAcknowledgement[] {
  const found: NagAcknowledgement[] = [];
  for (const [path, entries] of Object.entries(stack.metadata)) {
    for (const entry of entries) {
      if (entry.type !== 'aws:cdk:acknowledged-rules' || !isObject(entry.data)) continue;
      for (const [id, reason] of Object.entries(entry.data)) {
        // CDK records an acknowledged annotation as `Annotation::<id>`; keep the rule id.
        found.push({ where: path, rule: id.replace(/^Annotation::/, ''), reason: typeof reason === 'string' ? reason : '', mechanism: 'acknowledgement' });
      }
    }
  }
  for (const [logicalId, resource] of resourcesOf(stack.template)) {
    const nag = resource.Metadata?.['cdk_nag'];
    for (const rule of asList(isObject(nag) ? nag['rules_to_suppress'] : undefined).filter(isObject)) {
      const appliesTo = asList(rule['applies_to']).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
      const id = String(rule['id']);
      found.push({ where: logicalId, rule: appliesTo.length > 0 ? `${id}[${appliesTo.join(', ')}]` : id, reason: typeof rule['reason'] === 'string' ? rule['reason'] : '', mechanism: 'suppression' });
    }
  }
  return found;
}

/** What is wrong with one acknowledgement; empty when it is acceptable. */
export function acknowledgementProblems(ack: NagAcknowledgement): string[] {
  const problems: string[] = [];
  if (ack.reason.trim().length < MIN_REASON_LENGTH) problems.push(`${ack.where}: ${ack.rule} is accepted without a reason of at least ${MIN_REASON_LENGTH} characters`);
  if (GRANULAR_RULES.includes(ack.rule)) problems.push(`${ack.where}: ${ack.rule} is accepted for every finding; name the one it is about (${ack.rule}[...])`);
  return problems;
}

/** Findings the validation report says were not acknowledged (synth fails on them; a stale assembly might not). */
export function unacknowledgedViolations(report: unknown): string[] {
  if (!isObject(report)) return [];
  return asList(report['pluginReports'])
    .filter(isObject)
    .flatMap((plugin) => {
      const name = isObject(plugin['summary']) ? String(plugin['summary']['pluginName']) : 'a validation plugin';
      return asList(plugin['violations'])
        .filter(isObject)
        .map((v) => `${name}: ${String(v['ruleName'])} is violated and not acknowledged`);
    });
}
