/** contracts.json: the shape it must have, and who uses a contract version according to the manifests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestError, parseManifest, readWorkspaceManifests, usersOf } from '../src/contracts/manifest.ts';

describe('parseManifest', () => {
  it('reads the four roles, each a list of contract versions; a missing role is empty', () => {
    const manifest = parseManifest(JSON.stringify({ $schema: 'x', publishes: ['user-signup/v2'], calls: ['send-welcome-email/v1'] }), 'apps/a/contracts.json');

    expect(manifest).toEqual({ publishes: [{ name: 'user-signup', version: '2' }], consumes: [], calls: [{ name: 'send-welcome-email', version: '1' }], implements: [] });
  });

  it.each([
    ['not JSON', '{', /^apps\/a\/contracts.json is not valid JSON/],
    ['not an object', '[]', /^apps\/a\/contracts.json must hold a JSON object$/],
    ['an unknown key', '{"produces": []}', /^apps\/a\/contracts.json: unknown key "produces" \(known: publishes, consumes, calls, implements\)$/],
    ['a role that is not a list', '{"publishes": "user-signup/v1"}', /"publishes" must be a list of contract versions/],
    ['an entry that is not <name>/v<N>', '{"consumes": ["UserSignup v1"]}', /"consumes" lists "UserSignup v1", which is not a contract version such as "user-signup\/v1"$/],
    ['version 0', '{"consumes": ["user-signup/v0"]}', /"consumes" lists "user-signup\/v0"/],
    ['a version listed twice', '{"consumes": ["user-signup/v1", "user-signup/v1"]}', /"consumes" lists user-signup\/v1 twice$/],
  ])('refuses %s, naming the file', (_what, text, message) => {
    expect(() => parseManifest(text, 'apps/a/contracts.json')).toThrow(ManifestError);
    expect(() => parseManifest(text, 'apps/a/contracts.json')).toThrow(message);
  });
});

describe('readWorkspaceManifests and usersOf', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'manifests-'));
    for (const [app, manifest] of Object.entries({
      'signup-api': { publishes: ['user-signup/v2'] },
      orchestration: { consumes: ['user-signup/v1', 'user-signup/v2'], calls: ['send-welcome-email/v1'] },
      'email-service': { implements: ['send-welcome-email/v1'] },
    })) {
      mkdirSync(join(root, 'apps', app), { recursive: true });
      writeFileSync(join(root, 'apps', app, 'contracts.json'), JSON.stringify(manifest));
    }
    mkdirSync(join(root, 'apps', 'no-manifest'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the manifest of every app that has one', () => {
    expect(readWorkspaceManifests(root).map((m) => [m.app, m.file])).toEqual([
      ['email-service', 'apps/email-service/contracts.json'],
      ['orchestration', 'apps/orchestration/contracts.json'],
      ['signup-api', 'apps/signup-api/contracts.json'],
    ]);
  });

  it('names the producers and consumers of an event and the callers and implementers of a step', () => {
    const manifests = readWorkspaceManifests(root);

    expect(usersOf({ name: 'user-signup', version: '2' }, manifests)).toEqual({ producers: ['signup-api'], consumers: ['orchestration'] });
    expect(usersOf({ name: 'user-signup', version: '1' }, manifests)).toEqual({ producers: [], consumers: ['orchestration'] });
    expect(usersOf({ name: 'send-welcome-email', version: '1' }, manifests)).toEqual({ producers: ['orchestration'], consumers: ['email-service'] });
  });
});
