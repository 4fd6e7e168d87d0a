/**
 * What AWS accepts but this engine cannot run faithfully. Such a definition is refused when a
 * StateMachine is built (never run wrongly), with the state and field named, under the code
 * `UNSUPPORTED_FEATURE` (this engine's own; AWS has no such code because AWS runs them).
 */
import type { StateMachineDefinition, StatesBlock } from '../definition';
import type { Diagnostic } from './diagnostic';

function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function visit(block: StatesBlock, location: string, out: Diagnostic[]): void {
  for (const [name, state] of Object.entries(block.States)) {
    const at = `${location}/States/${pointer(name)}`;
    if (state.Type === 'Map') {
      for (const field of ['ItemReader', 'ItemBatcher', 'ResultWriter']) {
        if (state[field] !== undefined) {
          out.push({ severity: 'ERROR', code: 'UNSUPPORTED_FEATURE', message: `The state '${name}' uses ${field}, which needs a Distributed Map; this engine runs inline Map states only at ${at}/${field}`, location: `${at}/${field}` });
        }
      }
      const processor = (state['ItemProcessor'] ?? state['Iterator']) as StatesBlock;
      const mode = processor.ProcessorConfig?.Mode;
      if (mode === 'DISTRIBUTED') {
        out.push({ severity: 'ERROR', code: 'UNSUPPORTED_FEATURE', message: `The state '${name}' is a Distributed Map (child executions); this engine runs inline Map states only at ${at}/ItemProcessor/ProcessorConfig/Mode`, location: `${at}/ItemProcessor/ProcessorConfig/Mode` });
      }
      visit(processor, `${at}/${state['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator'}`, out);
    }
    if (state.Type === 'Parallel') (state['Branches'] as StatesBlock[]).forEach((branch, i) => visit(branch, `${at}/Branches/${i}`, out));
  }
}

/** Diagnostics for a valid definition's features this engine does not run. */
export function unsupportedFeatures(definition: StateMachineDefinition): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(definition, '', out);
  return out;
}
