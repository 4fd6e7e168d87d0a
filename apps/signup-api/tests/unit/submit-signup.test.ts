/** The submit use case, with in-memory ports: no AWS, no module patching. */
import { SignupNotPublishedError } from '../../src/domain/errors';
import type { SignupRequest } from '../../src/domain/signup-request';
import { submitSignup } from '../../src/domain/submit-signup';
import type { SignupPublisher, SignupSubmission } from '../../src/ports/signup-publisher';

/** Remembers what it was asked to publish; fails while `failure` is set. */
class RecordingPublisher implements SignupPublisher {
  readonly published: SignupSubmission[] = [];
  failure: Error | undefined;

  async publish(submission: SignupSubmission): Promise<void> {
    if (this.failure) throw this.failure;
    this.published.push(submission);
  }
}

const request: SignupRequest = { email: 'ada@example.com', name: 'Ada Lovelace', tenantId: 'acme', plan: 'pro', locale: 'en' };
const fixedClock = { now: () => new Date('2026-11-24T10:00:00.000Z') };

function sequentialIds() {
  let n = 0;
  return { next: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
}

describe('submitSignup', () => {
  it('publishes the request with a new signup id, the current time and its locale, and returns the id', async () => {
    const publisher = new RecordingPublisher();
    const submit = submitSignup({ publisher, clock: fixedClock, ids: sequentialIds() });

    const accepted = await submit(request);

    expect(accepted).toEqual({ signupId: '00000000-0000-4000-8000-000000000001', tenantId: 'acme' });
    expect(publisher.published).toEqual([
      { signupId: accepted.signupId, tenantId: 'acme', email: 'ada@example.com', name: 'Ada Lovelace', plan: 'pro', signedUpAt: '2026-11-24T10:00:00.000Z', locale: 'en' },
    ]);
  });

  it('gives every submission its own signup id, even for the same person', async () => {
    const publisher = new RecordingPublisher();
    const submit = submitSignup({ publisher, clock: fixedClock, ids: sequentialIds() });

    const first = await submit(request);
    const second = await submit(request);

    expect(second.signupId).not.toBe(first.signupId);
    expect(publisher.published.map((p) => p.signupId)).toEqual([first.signupId, second.signupId]);
  });

  it('rejects with the publisher\'s error when the signup was not published, and reports no id', async () => {
    const publisher = new RecordingPublisher();
    publisher.failure = new SignupNotPublishedError('bus unavailable');
    const submit = submitSignup({ publisher, clock: fixedClock, ids: sequentialIds() });

    await expect(submit(request)).rejects.toBe(publisher.failure);
    expect(publisher.published).toEqual([]);
  });
});
