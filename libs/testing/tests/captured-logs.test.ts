import { Logger } from '@aws-lambda-powertools/logger';
import { captureLogs, type CapturedLogs } from '../src';

let logs: CapturedLogs | undefined;

afterEach(() => {
  logs?.restore();
  logs = undefined;
});

describe('captureLogs', () => {
  it('sees each record the Powertools Logger prints, parsed, with the keys appended to it', () => {
    logs = captureLogs();
    const logger = new Logger({ serviceName: 'demo' });
    logger.appendKeys({ signupId: 's-1' });

    logger.info('Step done', { userId: 'u-1' });
    logger.error('Step failed');

    expect(logs.records()).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'Step done', service: 'demo', signupId: 's-1', userId: 'u-1' }),
      expect.objectContaining({ level: 'ERROR', message: 'Step failed', service: 'demo', signupId: 's-1' }),
    ]);
  });

  it('keeps lines that are not JSON as text, and leaves them out of the records', () => {
    logs = captureLogs();

    process.stdout.write('plain text\n');
    process.stderr.write(Buffer.from('{"level":"WARN","message":"from a buffer"}\n'));

    expect(logs.lines).toEqual(['plain text\n', '{"level":"WARN","message":"from a buffer"}\n']);
    expect(logs.records()).toEqual([{ level: 'WARN', message: 'from a buffer' }]);
  });

  it('stops capturing once restored', () => {
    const capture = captureLogs();
    capture.restore();
    const after = captureLogs();
    logs = after;

    process.stdout.write('later\n');

    expect(capture.lines).toEqual([]);
    expect(after.lines).toEqual(['later\n']);
  });
});
