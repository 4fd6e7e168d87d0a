/**
 * Reads what deploys: every stack of every app's synthesized cloud assembly (`apps/<app>/cdk.out`),
 * found through the assembly's manifest rather than by file name, with the construct metadata CDK
 * writes next to the template (where cdk-nag acknowledgements are recorded).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from './template-values';

/** One metadata entry CDK records on a construct path (`aws:cdk:acknowledged-rules`, ...). */
export interface MetadataEntry {
  type: string;
  data?: unknown;
}

/** One synthesized stack. */
export interface DeployedStack {
  /** The app folder under `apps/`. */
  app: string;
  stackName: string;
  /** `<app>/cdk.out/<template file>`, for messages. */
  where: string;
  template: CfnTemplate;
  /** Construct path to its metadata entries. */
  metadata: Record<string, MetadataEntry[]>;
  /** The assembly's validation report (policy plugins such as cdk-nag), when CDK wrote one. */
  validationReport?: unknown;
}

interface ManifestArtifact {
  type: string;
  displayName?: string;
  properties?: { templateFile?: string };
  metadata?: Record<string, MetadataEntry[]>;
  additionalMetadataFile?: string;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** Every stack of the cloud assemblies under `appsDir/<app>/cdk.out`; apps without one are skipped. */
export function loadDeployedStacks(appsDir: string): DeployedStack[] {
  const stacks: DeployedStack[] = [];
  for (const app of readdirSync(appsDir).sort()) {
    const out = join(appsDir, app, 'cdk.out');
    const manifestFile = join(out, 'manifest.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = readJson(manifestFile) as { artifacts?: Record<string, ManifestArtifact> };
    const reportFile = join(out, 'validation-report.json');
    const validationReport = existsSync(reportFile) ? readJson(reportFile) : undefined;
    for (const [artifactId, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
      const metadata: Record<string, MetadataEntry[]> = { ...(artifact.metadata ?? {}) };
      if (artifact.additionalMetadataFile) {
        for (const [path, entries] of Object.entries(readJson(join(out, artifact.additionalMetadataFile)) as Record<string, MetadataEntry[]>)) {
          metadata[path] = [...(metadata[path] ?? []), ...entries];
        }
      }
      stacks.push({
        app,
        stackName: artifact.displayName ?? artifactId,
        where: `${app}/cdk.out/${artifact.properties.templateFile}`,
        template: readJson(join(out, artifact.properties.templateFile)) as CfnTemplate,
        metadata,
        validationReport,
      });
    }
  }
  return stacks;
}
