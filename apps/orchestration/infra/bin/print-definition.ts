/** Prints the onboarding state machine's ASL definition (placeholder ARNs) for docs and tools: `nx run orchestration:definition`. */
import { renderOnboardingDefinition } from '../render-definition';

process.stdout.write(`${JSON.stringify(renderOnboardingDefinition(), null, 2)}\n`);
