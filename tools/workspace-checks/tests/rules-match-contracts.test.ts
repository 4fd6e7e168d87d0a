/**
 * Every EventBridge rule that any app deploys must be able to fire: it matches at least one valid
 * example of the contract it consumes and refuses the events of every other contract. Read from
 * the synthesized templates, i.e. from what deploys, so a rule built with a typo in CDK fails CI
 * instead of silently never firing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleProblems as problemsAgainst } from '../src/rule-problems';
import { eventContracts } from './support/workspace-contracts';

const ruleProblems = (pattern: Record<string, unknown>) => problemsAgainst(pattern, eventContracts);

const appsDir = join(__dirname, '../../../apps');

function deployedRules(): { where: string; pattern: Record<string, unknown> }[] {
  const rules = [];
  for (const app of readdirSync(appsDir)) {
    const out = join(appsDir, app, 'cdk.out');
    if (!existsSync(out)) continue;
    for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
      const template = JSON.parse(readFileSync(join(out, file), 'utf8'));
      for (const [logicalId, resource] of Object.entries<{ Type: string; Properties?: { EventPattern?: unknown } }>(template.Resources ?? {})) {
        if (resource.Type !== 'AWS::Events::Rule' || !resource.Properties?.EventPattern) continue;
        const raw = resource.Properties.EventPattern;
        rules.push({ where: `${app}/${file}#${logicalId}`, pattern: (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown> });
      }
    }
  }
  return rules;
}

describe('rules deployed by the apps', () => {
  const rules = deployedRules();

  it('are found in the synthesized cloud assemblies (the test target synthesizes every app first)', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it.each(rules.map((r) => [r.where, r.pattern] as const))('%s can fire, for its contract only', (_where, pattern) => {
    expect(ruleProblems(pattern)).toEqual([]);
  });
});

describe('ruleProblems', () => {
  it('accepts a rule on the UserSignup contract', () => {
    expect(ruleProblems({ source: ['onboarding.signup'], 'detail-type': ['UserSignup'] })).toEqual([]);
  });

  it('accepts a rule on one version of a contract', () => {
    expect(ruleProblems({ source: ['onboarding.signup'], 'detail-type': ['UserSignup'], detail: { version: ['1'] } })).toEqual([]);
  });

  it('reports a rule on a version that no contract has', () => {
    expect(ruleProblems({ source: ['onboarding.signup'], 'detail-type': ['UserSignup'], detail: { version: ['9'] } })).toEqual([
      expect.stringMatching(/^matches no valid example of UserSignup v1/),
    ]);
  });

  it('reports a detail-type with a typo, which could never fire', () => {
    expect(ruleProblems({ source: ['onboarding.signup'], 'detail-type': ['UserSignUp'] })).toEqual([
      'no contract has source onboarding.signup and detail-type UserSignUp',
    ]);
  });

  it('reports a content filter that no valid example satisfies', () => {
    const problems = ruleProblems({ source: ['onboarding.signup'], 'detail-type': ['UserSignup'], detail: { plan: ['platinum'] } });

    expect(problems).toEqual([expect.stringMatching(/^matches no valid example of UserSignup v1/)]);
  });

  it('reports a rule that also catches another contract', () => {
    const problems = ruleProblems({ source: ['onboarding.orchestration'], 'detail-type': ['UserOnboarded', { prefix: 'UserOnboarding' }] });

    expect(problems).toEqual(['also matches UserOnboardingFailed events']);
  });
});
