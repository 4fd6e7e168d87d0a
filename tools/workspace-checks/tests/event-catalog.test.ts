/**
 * The event catalog in docs/event-catalog/ is generated (npm run catalog), never written by hand:
 * what is committed must be what the contracts and manifests generate, and its AsyncAPI document
 * must be valid for the AsyncAPI parser.
 */
import { Parser } from '@asyncapi/parser';
import { readWorkspaceManifests } from '@onboarding/tools';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, CATALOG_DIR, catalogAsyncApi, catalogFiles, type Catalog } from '../src/contracts/catalog';
import { workspaceContracts, workspaceRoot } from './support/workspace-contracts';

const catalog: Catalog = buildCatalog(workspaceContracts, readWorkspaceManifests(workspaceRoot));
const entry = (ref: string) => catalog.contracts.find((c) => c.ref === ref);

describe('the committed event catalog', () => {
  it.each(Object.entries(catalogFiles(catalog)))(`${CATALOG_DIR}/%s is what the contracts generate (run npm run catalog after changing a contract or a manifest)`, (name, text) => {
    const file = join(workspaceRoot, CATALOG_DIR, name);

    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the catalog', () => {
  it('lists every contract version of the workspace, with its schema, its examples, its producers and its consumers', () => {
    expect(catalog.contracts.map((c) => c.ref).sort()).toEqual(workspaceContracts.map((c) => `${c.ref?.name}/v${c.ref?.version}`).sort());
    for (const c of catalog.contracts) {
      expect(c.schema).toHaveProperty('$id');
      expect(c.examples.length).toBeGreaterThan(0);
    }
  });

  it('names who publishes and consumes each UserSignup version during the migration', () => {
    expect(entry('user-signup/v2')).toMatchObject({ source: 'onboarding.signup', detailType: 'UserSignup', producers: ['signup-api'], consumers: ['orchestration'] });
    expect(entry('user-signup/v1')).toMatchObject({ producers: [], consumers: ['orchestration'] });
  });

  it('names who calls and implements a step, and its error names', () => {
    expect(entry('send-welcome-email/v1')).toMatchObject({
      kind: 'step',
      producers: ['orchestration'],
      consumers: ['email-service'],
      errors: { retryable: expect.arrayContaining(['MailerUnavailableError']), permanent: expect.arrayContaining(['EmailRejectedError']) },
    });
  });
});

describe('the AsyncAPI document', () => {
  let parsed: Awaited<ReturnType<Parser['parse']>>['document'];
  let diagnostics: Awaited<ReturnType<Parser['parse']>>['diagnostics'];
  beforeAll(async () => {
    ({ document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(catalogAsyncApi(catalog))));
  });

  it('is a valid AsyncAPI 3 document, without a single error or warning from the AsyncAPI parser', () => {
    expect(diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed?.version()).toBe('3.1.0');
    expect(parsed?.channels().all().map((c) => c.id()).sort()).toEqual([...new Set(catalog.contracts.map((c) => c.name))].sort());
  });

  it('has a message per event version and an input and output message per step version', () => {
    const ids = parsed?.components().messages().all().map((m) => m.id()) ?? [];
    expect(ids).toEqual(expect.arrayContaining(['UserSignupV1', 'UserSignupV2', 'SendWelcomeEmailV1Input', 'SendWelcomeEmailV1Output']));
  });

  it('has an operation for each producer and consumer, the step calls with the output as their reply', () => {
    const operations = new Map(parsed?.operations().all().map((o) => [o.id(), o]));
    expect(operations.get('signup-api.publishes.UserSignupV2')?.action()).toBe('send');
    expect(operations.get('orchestration.consumes.UserSignupV1')?.action()).toBe('receive');
    expect(operations.get('orchestration.calls.SendWelcomeEmailV1')?.reply()?.messages().all().map((m) => m.id())).toEqual(['SendWelcomeEmailV1Output']);
    expect(operations.get('email-service.implements.SendWelcomeEmailV1')?.action()).toBe('receive');
  });
});
