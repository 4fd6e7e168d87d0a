/**
 * Test support stays in tests. `@onboarding/testing` needs jest and fakes AWS, and a library's
 * `testing` entry holds fixtures: neither belongs in what deploys. Two checks: on the source, no
 * module outside a `tests/` folder imports `@onboarding/testing`, and no app's `src/` or `infra/`
 * imports any `testing` entry; on what deploys, no function bundle was built from a test module or
 * a test framework (read from the bundle's source map, which lists every module esbuild put in).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** A source file, its path relative to the workspace root with `/` separators. */
export interface SourceFile {
  path: string;
  text: string;
}

/** Every module specifier a file imports, re-exports or requires, with its line number. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) {
    found.push({ specifier: match[1] as string, line: text.slice(0, match.index).split('\n').length });
  }
  return found;
}

const isTestFile = (path: string): boolean => /(^|\/)tests\//.test(path) || /\.test\.ts$/.test(path);
const isTestingLibrary = (specifier: string): boolean => specifier === '@onboarding/testing' || specifier.startsWith('@onboarding/testing/');
const isTestingEntry = (specifier: string): boolean => /^@onboarding\/[^/]+\/testing(\/|$)/.test(specifier);
/** Code an app runs or deploys: its Lambda code and its CDK app. */
const isAppProductionCode = (path: string): boolean => /^apps\/[^/]+\/(src|infra)\//.test(path);

/** Every import of test support from where it does not belong, one line each; empty when there is none. */
export function testOnlyImportProblems(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) => {
    if (isTestFile(file.path) || file.path.startsWith('libs/testing/')) return [];
    return importsOf(file.text).flatMap(({ specifier, line }) => {
      if (isTestingLibrary(specifier)) return [`${file.path}:${line} imports ${specifier}, which is for tests only`];
      if (isAppProductionCode(file.path) && isTestingEntry(specifier)) return [`${file.path}:${line} imports the test fixtures ${specifier} into an app's own code`];
      return [];
    });
  });
}

/** Test frameworks and fakes that must never be bundled into a function. */
const TEST_PACKAGES = /(^|\/)node_modules\/(aws-sdk-client-mock|aws-sdk-client-mock-jest|sinon|jest|@jest\/[^/]+|fast-check|ts-jest)\//;

/** The modules of a function bundle (its source map's `sources`) that are test code; empty when there is none. */
export function testCodeInBundle(sources: readonly string[]): string[] {
  return sources.filter((source) => {
    const path = source.replace(/\\/g, '/');
    if (TEST_PACKAGES.test(path)) return true;
    if (path.includes('/node_modules/')) return false;
    return /(^|\/)libs\/testing\//.test(path) || /(^|\/)libs\/(.+\/)?src\/testing(\.ts|\/)/.test(path) || /(^|\/)tests\//.test(path);
  });
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'cdk.out', 'dist', 'coverage', '.local', '.nx']);

/** Every TypeScript file of the workspace's apps, libs and tools, read for {@link testOnlyImportProblems}. */
export function workspaceSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      if (SKIPPED_FOLDERS.has(name)) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  for (const top of ['apps', 'libs', 'tools']) if (existsSync(join(root, top))) walk(join(root, top));
  return files;
}

/** The source map of every Lambda function bundle a template deploys, by the function's logical id. */
export function functionBundleSources(assemblyDir: string, template: { Resources?: Record<string, { Type: string; Metadata?: Record<string, unknown> }> }): { logicalId: string; sources: string[] }[] {
  return Object.entries(template.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]) => {
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') throw new Error(`${logicalId} has no asset path: is the assembly synthesized with bundling?`);
      const mapFile = readdirSync(join(assemblyDir, assetPath)).find((name) => name.endsWith('.map'));
      if (!mapFile) throw new Error(`The bundle of ${logicalId} (${assetPath}) has no source map to read`);
      const map = JSON.parse(readFileSync(join(assemblyDir, assetPath, mapFile), 'utf8')) as { sources?: string[] };
      return { logicalId, sources: map.sources ?? [] };
    });
}
