/**
 * Workflow variables and their scopes (developer guide, "Passing data between states with
 * variables"): the top-level states share one scope; each Parallel branch and each Map iteration
 * gets an inner scope that reads the outer ones and assigns only its own (the validator refuses
 * assigning a name an outer scope assigns). An inner scope ends with its branch or iteration.
 */
import { NOT_FOUND } from './jsonpath/path';

/** One scope of variables. */
export class VariableScope {
  private readonly values = new Map<string, unknown>();
  private flat: Readonly<Record<string, unknown>> | undefined;

  constructor(readonly parent?: VariableScope) {}

  /** A variable's value, searching outward; NOT_FOUND when no scope has it. */
  get(name: string): unknown {
    if (this.values.has(name)) return this.values.get(name);
    return this.parent ? this.parent.get(name) : NOT_FOUND;
  }

  /** Assigns every variable of one state's Assign at once (their values were all computed first). */
  assign(values: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
    this.flat = undefined;
  }

  /** An inner scope (a Parallel branch or a Map iteration). */
  child(): VariableScope {
    return new VariableScope(this);
  }

  /** Every visible variable, inner names over outer ones: what a JSONata expression sees. */
  visible(): Readonly<Record<string, unknown>> {
    if (this.flat && !this.parentChanged()) return this.flat;
    const out: Record<string, unknown> = this.parent ? { ...this.parent.visible() } : {};
    for (const [name, value] of this.values) out[name] = value;
    this.flat = out;
    this.parentFlat = this.parent?.visible();
    return out;
  }

  /** The variables assigned in this scope only. */
  own(): Readonly<Record<string, unknown>> {
    return Object.fromEntries(this.values);
  }

  private parentFlat: Readonly<Record<string, unknown>> | undefined;

  private parentChanged(): boolean {
    return this.parent !== undefined && this.parent.visible() !== this.parentFlat;
  }
}
