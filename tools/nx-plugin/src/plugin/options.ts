/** The plugin's options as nx.json gives them, for tools that need them outside Nx (the workspace checks). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OnboardingPluginOptions } from './index.ts';

/** The name the plugin is registered under in nx.json. */
export const PLUGIN_NAME = '@onboarding/tools/plugin';

/** The options of the plugin's entry in `<root>/nx.json`; empty when it is not registered. */
export function readPluginOptions(root: string): OnboardingPluginOptions {
  const nxJson = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as { plugins?: (string | { plugin: string; options?: OnboardingPluginOptions })[] };
  const entry = (nxJson.plugins ?? []).find((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  return typeof entry === 'object' ? (entry.options ?? {}) : {};
}
