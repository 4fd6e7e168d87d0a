/**
 * Prints the minified bundle size of every Lambda function, measured from the synthesized cloud
 * assemblies (what `cdk deploy` uploads): the function's code asset folder, its .mjs bundle and the
 * zip-compressed size. Run `npm run synth` first. Usage: tsx tools/scripts/bundle-sizes.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const apps = join(__dirname, '../../apps');
const rows: { app: string; fn: string; bundle: number; gzip: number; sourceMap: number }[] = [];

for (const app of readdirSync(apps)) {
  const out = join(apps, app, 'cdk.out');
  if (!existsSync(out)) continue;
  for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(out, file), 'utf8'));
    for (const [logicalId, resource] of Object.entries<{ Type: string; Metadata?: Record<string, string> }>(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (!assetPath) continue;
      const dir = join(out, assetPath);
      const bundleFile = ['index.mjs', 'index.js'].map((f) => join(dir, f)).find(existsSync);
      if (!bundleFile) continue;
      const code = readFileSync(bundleFile);
      const mapFile = `${bundleFile}.map`;
      rows.push({
        app,
        fn: (resource.Metadata?.['aws:cdk:path'] ?? logicalId).split('/').slice(-2, -1)[0] ?? logicalId,
        bundle: code.length,
        gzip: gzipSync(code, { level: 9 }).length,
        sourceMap: existsSync(mapFile) ? statSync(mapFile).size : 0,
      });
    }
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log('| app | function | minified bundle | gzip -9 | source map |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const r of rows.sort((a, b) => a.app.localeCompare(b.app) || a.fn.localeCompare(b.fn))) {
  console.log(`| ${r.app} | ${r.fn} | ${kib(r.bundle)} | ${kib(r.gzip)} | ${kib(r.sourceMap)} |`);
}
if (rows.length === 0) {
  console.error('no function bundles found: run `npm run synth` first');
  process.exitCode = 1;
}
