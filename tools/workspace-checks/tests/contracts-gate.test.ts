/**
 * The compatibility gate (`npm run check:contracts`). The workspace's own contracts must match
 * their snapshots; and on a scratch copy of real contracts, the changes a team might make on a
 * branch get the verdicts of the rules table in libs/contracts/README.md, with a message that names
 * the contract, the version, the JSON path, the kind of break, who produces and consumes it and
 * what to do instead. A contract that does not follow the layout fails, naming the file.
 * Each check runs on a scratch copy of its own: a process loads a contract module once per path,
 * as one run of the command does.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkContracts, snapshotCommand, snapshotContracts } from '../src/contracts/gate';
import { GATE_FIXTURE_PATHS, scratchWorkspace, type ScratchWorkspace } from './support/scratch-workspace';
import { workspaceRoot } from './support/workspace-contracts';

const SIGNUP = 'libs/contracts/user-signup/v1/src/index.ts';
const SIGNUP_SNAPSHOT = 'libs/contracts/user-signup/v1/schema.json';
const WELCOME = 'libs/contracts/send-welcome-email/v1/src/index.ts';
const SIGNUP_V2 = 'libs/contracts/user-signup/v2/src/index.ts';

const scratches: ScratchWorkspace[] = [];
function scratch(): ScratchWorkspace {
  const workspace = scratchWorkspace(GATE_FIXTURE_PATHS);
  scratches.push(workspace);
  return workspace;
}
afterAll(() => scratches.forEach((s) => s.remove()));

describe('the workspace', () => {
  it('has every contract version matching its committed snapshot', () => {
    const result = checkContracts(workspaceRoot);

    expect(result.report).toMatch(/^✓ \d+ contract versions match their snapshots\.$/);
    expect(result.ok).toBe(true);
  });
});

describe('a breaking change within a version', () => {
  it('fails for a field whose type changed, naming the contract, version, path, kind, producers, consumers and the new version to add', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP_V2, 'signedUpAt: Timestamp,', 'signedUpAt: z.number(),');

    const result = checkContracts(workspace.root);

    expect(result.ok).toBe(false);
    expect(result.report).toContain('✗ UserSignup v2 (libs/contracts/user-signup/v2, @onboarding/contract-user-signup-v2) has a breaking change against its snapshot');
    expect(result.report).toContain('detail.signedUpAt at #/properties/signedUpAt/type: type changed (string -> number). Breaking:');
    expect(result.report).toContain('Published by: signup-api. Consumed by: orchestration.');
    expect(result.report).toContain('only changes compatible in both directions are allowed (FULL)');
    expect(result.report).toContain('Instead: leave v2 as it is and add the change as a new version, libs/contracts/user-signup/v3 (@onboarding/contract-user-signup-v3)');
  });

  it('names no producer for a version no app publishes any more, as v1 after the move to v2', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: z.number(),');

    const result = checkContracts(workspace.root);

    expect(result.report).toContain('Published by: none. Consumed by: orchestration.');
    expect(result.report).toContain('libs/contracts/user-signup/v3');
  });

  it('fails for a removed field', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, '    name: PersonName,\n', '');

    const result = checkContracts(workspace.root);

    expect(result.ok).toBe(false);
    expect(result.report).toContain('detail.name at #/properties/name: field removed');
    expect(result.report).not.toContain('required field made optional');
  });

  it('fails for an optional field made required', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, "plan: Plan.default('free'),", 'plan: Plan,');

    const result = checkContracts(workspace.root);

    expect(result.ok).toBe(false);
    expect(result.report).toMatch(/detail\.plan at #\/required\/\d: optional field made required/);
  });

  it('fails for a narrowed constraint and for a widened one, each the way it breaks', () => {
    const narrowing = scratch();
    narrowing.edit(SIGNUP, 'signupId: SignupId,', 'signupId: SignupId.max(20),');
    const widening = scratch();
    widening.edit(SIGNUP, 'signupId: SignupId,', 'signupId: z.string(),');

    const narrowed = checkContracts(narrowing.root);
    const widened = checkContracts(widening.root);

    expect(narrowed.report).toContain('constraint tightened');
    expect(narrowed.report).toContain('consumers reading with the new schema would refuse events already published with the old one');
    expect(widened.report).toContain('constraint loosened');
    expect(widened.report).toContain('consumers still reading with the old schema would refuse new events that use it');
  });

  it('fails for a step contract too, naming who calls and who implements the step', () => {
    const workspace = scratch();
    workspace.edit(WELCOME, 'messageId: z.string().min(1)', 'messageId: z.number()');

    const result = checkContracts(workspace.root);

    expect(result.report).toContain('✗ SendWelcomeEmail v1 (libs/contracts/send-welcome-email/v1, @onboarding/contract-send-welcome-email-v1) has a breaking change');
    expect(result.report).toContain('output.messageId at #/$defs/output/properties/messageId/type: type changed');
    expect(result.report).toContain('Called by: orchestration. Implemented by: email-service.');
    expect(result.report).toContain('libs/contracts/send-welcome-email/v2');
  });

  it('is not accepted by the snapshot command, which leaves the snapshot as it was', () => {
    const workspace = scratch();
    const before = workspace.read(SIGNUP_SNAPSHOT);
    workspace.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: z.number(),');

    const result = snapshotContracts(workspace.root, ['user-signup/v1']);

    expect(result.refused).toEqual(['libs/contracts/user-signup/v1']);
    expect(result.report).toContain('The snapshot was not written.');
    expect(workspace.read(SIGNUP_SNAPSHOT)).toBe(before);
  });
});

describe('a compatible change within a version', () => {
  it('fails until the snapshot command named in the message accepts it, then passes', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: Timestamp,\n    referrer: z.string().optional(),');

    const before = checkContracts(workspace.root);
    const snapshot = snapshotContracts(workspace.root, ['user-signup/v1']);
    const after = checkContracts(workspace.root);

    expect(before.ok).toBe(false);
    expect(before.report).toContain('detail.referrer at #/properties/referrer: optional field added');
    expect(before.report).toContain('Compatible: consumers still on the old schema ignore a field they do not know');
    expect(before.report).toContain(`Accept the change into the snapshot (and commit it): ${snapshotCommand({ name: 'user-signup', version: '1' })}`);
    expect(snapshotCommand({ name: 'user-signup', version: '1' })).toBe('npm run contracts:snapshot -- user-signup/v1');
    expect(snapshot.written).toEqual([SIGNUP_SNAPSHOT]);
    expect(after.ok).toBe(true);
    expect(JSON.parse(workspace.read(SIGNUP_SNAPSHOT)).properties).toHaveProperty('referrer');
  });

  it('counts a new description as compatible, and a new required field as breaking', () => {
    const describing = scratch();
    describing.edit(SIGNUP, "description: 'A person signed up; the onboarding of this signup starts.',", "description: 'A person signed up.',");
    const requiring = scratch();
    requiring.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: Timestamp,\n    referrer: z.string(),');

    const described = checkContracts(describing.root);
    const required = checkContracts(requiring.root);

    expect(described.report).toContain('annotation changed');
    expect(described.report).toContain('differs from its snapshot libs/contracts/user-signup/v1/schema.json, compatibly');
    expect(required.report).toContain('detail.referrer at #/properties/referrer: required field added');
  });
});

describe('a contract that does not follow the layout', () => {
  it('fails without a snapshot, naming the file and the command that writes it', () => {
    const workspace = scratch();
    rmSync(join(workspace.root, SIGNUP_SNAPSHOT));

    const result = checkContracts(workspace.root);

    expect(result.ok).toBe(false);
    expect(result.report).toContain('libs/contracts/user-signup/v1/schema.json is missing: every contract version has a committed JSON Schema snapshot; write the first one with npm run contracts:snapshot -- user-signup/v1');
  });

  it('fails when the version it declares is not its folder, naming the module', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, "version: '1',\n  description", "version: '3',\n  description");
    workspace.edit(SIGNUP, "version: z.literal('1'),", "version: z.literal('3'),");

    const result = checkContracts(workspace.root);

    expect(result.report).toContain(`${SIGNUP} declares UserSignup version 3, but its folder is v1: version 3 lives in libs/contracts/user-signup/v3`);
  });

  it('fails when the schema cannot be exported to JSON Schema, naming the module', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: z.date(),');

    const result = checkContracts(workspace.root);

    expect(result.report).toContain(`${SIGNUP}: the schema of UserSignup v1 cannot be exported to JSON Schema: UserSignup v1: the detail schema cannot be written as JSON Schema (Date cannot be represented in JSON Schema)`);
  });

  it('fails for a closed object, which would refuse the fields of a newer producer', () => {
    const workspace = scratch();
    workspace.edit(SIGNUP, 'schema: z.object({', 'schema: z.strictObject({');

    expect(checkContracts(workspace.root).report).toContain(`${SIGNUP}: UserSignup v1 refuses unknown fields at #; readers must ignore them, so use z.object, not z.strictObject`);
  });

  it('fails for a module that cannot be loaded, that exports no contract, or two', () => {
    const broken = scratch();
    broken.write(SIGNUP, "throw new Error('half-written');\n");
    const empty = scratch();
    empty.write(SIGNUP, 'export const nothing = 1;\n');
    const two = scratch();
    two.edit(SIGNUP, '/** The detail of', 'export const Again = defineEventContract({ ...UserSignupV1, detailType: "Again" });\n\n/** The detail of');

    expect(checkContracts(broken.root).report).toContain(`${SIGNUP} cannot be loaded: half-written`);
    expect(checkContracts(empty.root).report).toContain(`${SIGNUP} exports no contract`);
    expect(checkContracts(two.root).report).toContain(`${SIGNUP} exports 2 contracts (UserSignup v1, Again v1)`);
  });

  it('fails for a package named for another folder, and for an invalid example', () => {
    const workspace = scratch();
    workspace.edit('libs/contracts/user-signup/v1/package.json', '"name": "@onboarding/contract-user-signup-v1"', '"name": "@onboarding/user-signup"');
    workspace.edit('libs/contracts/user-signup/v1/examples/ada-lovelace.json', '"tenantId": "acme"', '"tenantId": "ACME"');

    const result = checkContracts(workspace.root);

    expect(result.report).toContain('libs/contracts/user-signup/v1/package.json names the package @onboarding/user-signup; in this folder it must be @onboarding/contract-user-signup-v1');
    expect(result.report).toContain('libs/contracts/user-signup/v1/examples/ada-lovelace.json: not a valid example of UserSignup v1: UserSignup v1 refused: detail.tenantId');
  });

  it('fails for a folder that is not named <name>/v<N>', () => {
    const workspace = scratch();
    workspace.write('libs/contracts/user-signup/latest/package.json', '{}\n');

    expect(checkContracts(workspace.root).report).toContain('libs/contracts/user-signup/latest: not a contract folder; a contract version lives in libs/contracts/<kebab-case-name>/v<N>');
  });
});

describe('npm run check:contracts', () => {
  const run = (root: string) => {
    try {
      return { code: 0, output: execFileSync(process.execPath, [join(workspaceRoot, 'node_modules/tsx/dist/cli.mjs'), join(__dirname, '../bin/check-contracts.ts'), '--root', root], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { code: failed.status, output: failed.stderr };
    }
  };

  it('exits 0 when every contract matches its snapshot and 1 with the report when one breaks it', () => {
    const clean = scratch();
    const broken = scratch();
    broken.edit(SIGNUP, 'signedUpAt: Timestamp,', 'signedUpAt: z.number(),');

    const passed = run(clean.root);
    const failed = run(broken.root);

    expect(passed).toEqual({ code: 0, output: '✓ 3 contract versions match their snapshots.\n' });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('detail.signedUpAt at #/properties/signedUpAt/type: type changed');
  });
});
