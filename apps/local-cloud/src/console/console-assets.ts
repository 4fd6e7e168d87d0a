/**
 * The console page's script and stylesheet, bundled from `console-ui/src` by esbuild in memory on
 * the first request (about 100 ms, once per process), so booting the local cloud costs nothing
 * and there is no build output to keep in sync with the sources.
 */
import { join } from 'node:path';

export interface ConsoleAssets {
  js: string;
  css: string;
}

/** The page's entry point; it imports its stylesheet, which esbuild emits next to the script. */
export const CONSOLE_UI_ENTRY = join(__dirname, '../../console-ui/src/main.ts');

let bundled: Promise<ConsoleAssets> | undefined;

/** The bundled assets (built on first call; a failed build is retried on the next call). */
export function consoleAssets(): Promise<ConsoleAssets> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined;
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<ConsoleAssets> {
  // Loaded on first use: esbuild is only needed once somebody opens the console.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [CONSOLE_UI_ENTRY],
    bundle: true,
    write: false,
    outdir: 'console',
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const text = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}
