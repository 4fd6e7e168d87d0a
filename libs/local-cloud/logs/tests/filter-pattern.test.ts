/**
 * Filter patterns, pinned by the cases of the CloudWatch Logs guide "Filter and pattern syntax"
 * (its example log events and patterns, with the matches it states).
 */
import { compileFilterPattern, FilterPatternError, splitDelimitedFields } from '../src';

const matching = (pattern: string, events: readonly string[]) => events.filter(compileFilterPattern(pattern));

describe('filter patterns on unstructured events', () => {
  const guide = ['[ERROR] A fatal exception has occurred', 'Exiting with ERRORCODE: -1'];
  const orExamples = ['ERROR WARN message', 'ERROR message', 'WARN message'];

  it.each([
    ['ERROR', guide, guide],
    ['"ERROR" -"Exiting"', guide, ['[ERROR] A fatal exception has occurred']],
    ['ERROR Exception', ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception', '[INFO] Exception'], ['[ERROR] Caught IllegalArgumentException', '[ERROR] Unhandled Exception']],
    ['Failed to process the request', ['[WARN] Failed to process the request', '[ERROR] Unable to continue: Failed to process the request', 'Failed'], ['[WARN] Failed to process the request', '[ERROR] Unable to continue: Failed to process the request']],
    ['ERROR', orExamples, ['ERROR WARN message', 'ERROR message']],
    ['?ERROR ?WARN', orExamples, orExamples],
    ['ERROR WARN', orExamples, ['ERROR WARN message']],
    ['ERROR -WARN', orExamples, ['ERROR message']],
    ['"INTERNAL SERVER ERROR"', ['[ERROR 500] INTERNAL SERVER ERROR', '[ERROR 500] INTERNAL ERROR'], ['[ERROR 500] INTERNAL SERVER ERROR']],
    ['%AUTHORIZED%', ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST', '[ERROR 403] FORBIDDEN'], ['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] AUTHORIZED REQUEST']],
    ['%colou?r%', ['color', 'colour', 'colr'], ['color', 'colour']],
    ['%^[hc]at%', ['hat trick', 'cat', 'that'], ['hat trick', 'cat']],
    ['', ['anything', ''], ['anything', '']],
    ['" "', ['anything'], ['anything']],
  ])('%s', (pattern, events, expected) => {
    expect(matching(pattern, events)).toEqual(expected);
  });

  it('is case sensitive', () => {
    expect(matching('error', ['ERROR here'])).toEqual([]);
  });
});

describe('filter patterns on JSON events', () => {
  const trail = JSON.stringify({
    eventType: 'UpdateTrail',
    sourceIPAddress: '111.111.111.111',
    arrayKey: ['value', 'another value'],
    objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
    SomeObject: null,
    ThisFlag: true,
  });
  const users = JSON.stringify({
    user: { id: 1, email: 'John.Stiles@example.com' },
    users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
    actions: ['GET', 'PUT', 'DELETE'],
    coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
  });

  it.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.sourceIPAddress != 123.123.* }', true],
    ['{ $.sourceIPAddress = 111.111.* }', true],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.SomeOtherObject NOT EXISTS }', true],
    ['{ $.ThisFlag IS TRUE }', true],
    ['{ $.ThisFlag IS FALSE }', false],
    ['{ $.eventType = "*Trail" }', true],
    ['{ $.eventType = Update* }', true],
    ['{ $.eventType = %Up.ate% }', true],
    ['{ $.eventType = "GetTrail" }', false],
    ['{ $.arrayKey = "value" }', false],
    ['{ $.arrayKey != "value" }', false],
  ])('%s on the guide\'s trail event is %s', (pattern, expected) => {
    expect(compileFilterPattern(pattern)(trail)).toBe(expected);
  });

  it.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
    ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
  ])('%s on the guide\'s compound example is %s', (pattern, expected) => {
    expect(compileFilterPattern(pattern)(users)).toBe(expected);
  });

  it.each([
    ['{ $.latency >= 500 }', { latency: 500 }, true],
    ['{ $.numbers[0] < 10e3 }', { numbers: [9999] }, true],
    ['{ $.numbers[0] < 10e-3 }', { numbers: [0.01] }, false],
    ['{ $.processes[4].averageRuntime <= 55.5 }', { processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }] }, true],
    ['{ $.errorCode = 400 }', { errorCode: 400 }, true],
    ['{ $.errorCode != 500 }', { errorCode: 400 }, true],
    ['{ $.latency > +1000 }', { latency: 1000 }, false],
    ['{ $.latency = * }', { latency: 12 }, true],
    ['{ $.latency = * }', { other: 12 }, false],
    ['{$.foo = bar || $.foo = baz }', { foo: 'baz' }, true],
  ])('%s on %j is %s', (pattern, event, expected) => {
    expect(compileFilterPattern(pattern)(JSON.stringify(event))).toBe(expected);
  });

  it('never matches an event that is not JSON', () => {
    expect(compileFilterPattern('{ $.level = "ERROR" }')('level=ERROR')).toBe(false);
  });
});

describe('filter patterns on space-delimited events', () => {
  const access = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /index.html HTTP/1.0" 404 4355',
  ];

  it('splits fields on spaces, keeping [...] and "..." whole', () => {
    expect(splitDelimitedFields(access[0] as string)).toEqual(['127.0.0.1', '-', 'frank', '10/Oct/2000:13:25:15 -0700', 'GET /apache_pb.gif HTTP/1.0', '200', '1534']);
  });

  it.each([
    ['[ip, user, username, timestamp, request, status_code, bytes]', [0, 1, 2]],
    ['[..., status_code, bytes]', [0, 1, 2]],
    ['[ip, user, ..., status_code, bytes]', [0, 1, 2]],
    ['[ip, user, ...]', [0, 1, 2]],
    ['[ip, user, username, timestamp, request, status_code, bytes > 5000]', [1]],
    ['[ip, user, username, timestamp, request, status_code = 200, bytes]', [0]],
    ['[ip, user, username, timestamp, request, status_code = 4*, bytes]', [2]],
    ['[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', [2]],
    ['[ip, user, username, timestamp, request, status_code = 5* || status_code = 4*, bytes]', [1, 2]],
    ['[ip, user, username, timestamp, request, status_code != 200 && bytes > 5000, bytes]', [1]],
    ['[..., request=*.html*, status_code=4*,]', [2]],
    ['[ip, user]', []],
  ])('%s matches events %j', (pattern, indexes) => {
    expect(matching(pattern, access)).toEqual(indexes.map((i) => access[i]));
  });

  it('matches the guide\'s OR example on words', () => {
    expect(matching('[w1=ERROR, w2]', ['ERROR WARN message', 'ERROR message', 'WARN message'])).toEqual(['ERROR message']);
    expect(matching('[w1=ERROR || w1=WARN, w2]', ['ERROR WARN message', 'ERROR message', 'WARN message'])).toEqual(['ERROR message', 'WARN message']);
  });
});

describe('malformed filter patterns', () => {
  it.each([
    ['"unterminated', /Unterminated/],
    ['{ $.a = 1', /must end with "}"/],
    ['{ a = 1 }', /property selector/],
    ['{ $.a ~ 1 }', /operator/],
    ['{ $.a > abc }', /needs a number/],
    ['%(group)%', /Unsupported character|Parentheses/],
    ['%bang!%', /Unsupported character/],
    ['[a, b = ]', /Invalid condition/],
  ])('%s is refused', (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
    expect(() => compileFilterPattern(pattern)).toThrow(message);
  });
});
