/**
 * Points the notifier's webhook at the local webhook sink. In AWS someone stores the Slack URL in a
 * secret after deploying; locally the secret (or SSM parameter) is preset with the sink's URL so a
 * signup notifies without any manual step. The secret is recognised, in this order, by a function
 * variable whose name mentions WEBHOOK and whose value references it (`secretsmanager:<id>`,
 * `ssm:<name>`, an ARN or a name), or by "webhook" in its name or logical id. A value the template
 * shapes as JSON keeps its shape, with its `url` field set.
 */
import type { CloudModel } from '../model';

export interface WebhookPresets {
  /** Secret name → value. */
  secrets: Record<string, string>;
  /** SSM parameter name → value. */
  parameters: Record<string, string>;
  notes: string[];
}

function valueFor(template: string | undefined, url: string): string {
  if (template?.trim().startsWith('{')) {
    try {
      const parsed = JSON.parse(template) as Record<string, unknown>;
      return JSON.stringify({ ...parsed, url });
    } catch {
      return url;
    }
  }
  return url;
}

export function webhookPresets(model: CloudModel, url: string): WebhookPresets {
  const referenced = new Set<string>();
  for (const fn of model.functions) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (/webhook/i.test(name)) referenced.add(value.replace(/^(secretsmanager|ssm):/, ''));
    }
  }
  const isWebhook = (name: string, arn: string | undefined, logicalId: string) =>
    referenced.has(name) || (arn !== undefined && referenced.has(arn)) || /webhook/i.test(name) || /webhook/i.test(logicalId);

  const presets: WebhookPresets = { secrets: {}, parameters: {}, notes: [] };
  for (const secret of model.secrets) {
    if (!isWebhook(secret.name, secret.arn, secret.logicalId)) continue;
    const template = secret.initialValue ?? secret.generateSecretString?.SecretStringTemplate;
    presets.secrets[secret.name] = valueFor(template, url);
    presets.notes.push(`Secret ${secret.name} points at the local webhook sink`);
  }
  for (const parameter of model.ssmParameters) {
    if (!isWebhook(parameter.name, undefined, parameter.logicalId)) continue;
    presets.parameters[parameter.name] = valueFor(parameter.value, url);
    presets.notes.push(`SSM parameter ${parameter.name} points at the local webhook sink`);
  }
  return presets;
}
