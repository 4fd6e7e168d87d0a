/** The assembly reader: from the apps' cloud assemblies to the `CloudModel` the local cloud runs. */
import { readCloudAssembly } from './cloud-assembly';
import { buildCloudModel, type BuiltModel } from './build-model';
import { MissingAssemblyError } from './errors';
import { findAssemblies, synthesizeAll, type AssemblyLocation } from './find-assemblies';

export * from './errors';
export { readCloudAssembly, type StackTemplate, type CfnTemplate } from './cloud-assembly';
export { buildCloudModel, type BuiltModel } from './build-model';
export { findAssemblies, synthesizeAll, type AssemblyLocation } from './find-assemblies';
export { TemplateResolver } from './template-resolver';

/** Options of {@link loadCloudModel}. */
export interface LoadModelOptions {
  /** The monorepo root (with `apps/`). */
  workspaceRoot: string;
  /** Read exactly these assemblies instead of `apps/<app>/cdk.out` (tests, fixtures). */
  assemblies?: AssemblyLocation[];
  /**
   * `true`: always run `nx run-many -t synth` first; `false`: never (missing assemblies are an
   * error); `'auto'` (default): only when an app that synthesizes has no `cdk.out`.
   */
  synth?: boolean | 'auto';
  /** Progress lines (synthesis output, what was read). */
  onProgress?: (line: string) => void;
}

/**
 * Finds (and if needed synthesizes) every app's cloud assembly and builds the model.
 * @throws MissingAssemblyError, UnresolvableReferenceError, UnsupportedFeatureError, SynthError
 */
export async function loadCloudModel(options: LoadModelOptions): Promise<BuiltModel & { assemblies: AssemblyLocation[] }> {
  const progress = options.onProgress ?? (() => undefined);
  let assemblies = options.assemblies;
  if (!assemblies) {
    let { found, missing } = await findAssemblies(options.workspaceRoot);
    const synth = options.synth ?? 'auto';
    if (synth === true || (synth === 'auto' && missing.length > 0)) {
      progress(missing.length ? `Synthesizing (no cloud assembly yet for ${missing.join(', ')})...` : 'Synthesizing every app...');
      await synthesizeAll(options.workspaceRoot, (line) => progress(`  ${line}`));
      ({ found, missing } = await findAssemblies(options.workspaceRoot));
    }
    if (missing.length > 0 && synth === false) {
      throw new MissingAssemblyError(`No cloud assembly for ${missing.join(', ')}: run \`npm run synth\` (or start with --synth)`);
    }
    if (missing.length > 0) throw new MissingAssemblyError(`Synthesis left no cloud assembly for ${missing.join(', ')}`);
    assemblies = found;
  }
  if (assemblies.length === 0) throw new MissingAssemblyError(`No cloud assembly found under ${options.workspaceRoot}/apps/*/cdk.out`);
  const stacks = (await Promise.all(assemblies.map((a) => readCloudAssembly(a.dir, a.app)))).flat();
  progress(`Read ${stacks.length} stacks from ${assemblies.map((a) => a.app).join(', ')}`);
  return { ...buildCloudModel(stacks), assemblies };
}
