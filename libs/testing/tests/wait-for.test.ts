import { eventually, waitFor } from '../src';

describe('waitFor', () => {
  it('resolves as soon as the condition holds after asynchronous work', async () => {
    let done = false;
    setImmediate(() => setImmediate(() => (done = true)));

    await expect(waitFor(() => done)).resolves.toBeUndefined();
  });

  it('rejects with its description when the condition never holds', async () => {
    await expect(waitFor(() => false, { turns: 3, description: 'the first call never started' })).rejects.toThrow('the first call never started after 3 turns of the event loop');
  });

  it('refuses a number of turns that is not a whole number from 1', async () => {
    await expect(waitFor(() => true, { turns: 0 })).rejects.toThrow(/turns must be a whole number from 1/);
  });
});

describe('eventually', () => {
  it('resolves with the first truthy answer of the probe', async () => {
    let calls = 0;

    const value = await eventually(async () => (++calls >= 3 ? `after ${calls}` : undefined), 'the third call');

    expect(value).toBe('after 3');
  });

  it('rejects naming what it waited for when the probe never answers', async () => {
    const waiting = eventually(() => false, 'a signal that never comes', 50);

    await expect(waiting).rejects.toThrow('Timed out waiting for a signal that never comes');
  });
});
