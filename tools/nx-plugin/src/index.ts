/**
 * `@onboarding/tools`: the workspace's own tooling. The Nx plugin is `@onboarding/tools/plugin`;
 * this entry is what the workspace checks share with it: how contract versions are laid out and
 * named, and the `contracts.json` manifest each app keeps. Later, the workspace generators
 * (`nx g @onboarding/tools:<generator>`) live beside them.
 */
export * from './contracts/layout.ts';
export * from './contracts/manifest.ts';
export { PLUGIN_NAME, readPluginOptions } from './plugin/options.ts';
export type { OnboardingPluginOptions } from './plugin/index.ts';
