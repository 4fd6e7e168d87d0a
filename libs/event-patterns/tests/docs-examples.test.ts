/**
 * Every example of the EventBridge user guide's event-pattern pages ("Event patterns", "Event
 * pattern syntax", "Arrays", "Content filtering", "Comparison operators", "Null values and empty
 * strings"), re-expressed as fixtures with the outcome the guide gives. Where the guide shows a
 * pattern with no event, the row pairs it with an event that should match and one that should
 * not, built the way the guide describes the operator.
 */
import { matchesPattern } from '../src';

type Row = [example: string, pattern: object | string, event: object, expected: boolean];

const ec2Terminated = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const ec2Pending = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-abcd1111', state: 'pending' },
};

/** The sample event the content-filtering examples are written against. */
const filteringSample = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};

const withDetail = (detail: object) => ({ ...filteringSample, detail });

const eventPatternsPage: Row[] = [
  [
    'the instance-termination pattern selects the terminated EC2 instance',
    { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
    ec2Terminated,
    true,
  ],
  [
    'the instance-termination pattern ignores an instance that is still running',
    { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
    { ...ec2Terminated, detail: { ...ec2Terminated.detail, state: 'running' } },
    false,
  ],
  ['a list of values matches an event from either source (EC2)', { source: ['aws.ec2', 'aws.fargate'] }, ec2Terminated, true],
  ['a list of values matches an event from either source (Fargate)', { source: ['aws.ec2', 'aws.fargate'] }, { ...ec2Terminated, source: 'aws.fargate' }, true],
  ['a list of values does not match a third source', { source: ['aws.ec2', 'aws.fargate'] }, { ...ec2Terminated, source: 'aws.s3' }, false],
  ['every field named in the pattern must be in the event', { source: ['aws.ec2'], detail: { reason: ['user'] } }, ec2Terminated, false],
  ['fields must appear with the same nesting', { source: ['aws.ec2'], state: ['terminated'] }, ec2Terminated, false],
];

const arraysPage: Row[] = [
  [
    'an event array matches when it shares one value with the pattern array',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    },
    {
      ...ec2Pending,
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    },
    true,
  ],
  [
    'an event array matches nothing when it shares no value with the pattern array',
    { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
    { ...ec2Pending, resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0000'] },
    false,
  ],
];

const contentFilteringPage: Row[] = [
  ['prefix: a time on 2 October 2017', { time: [{ prefix: '2017-10-02' }] }, { ...filteringSample, time: '2017-10-02T18:43:48Z' }, true],
  ['prefix: a time on another day', { time: [{ prefix: '2017-10-02' }] }, { ...filteringSample, time: '2017-10-03T18:43:48Z' }, false],
  ['prefix ignoring case: "EventB"', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'EventBridge' }), true],
  ['prefix ignoring case: "EVENTB"', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'EVENTBRIDGE' }), true],
  ['prefix ignoring case: "eventb"', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'eventbus' }), true],
  ['prefix ignoring case: a different start', { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } }, withDetail({ service: 'Events' }), false],
  ['suffix: a .png file', { FileName: [{ suffix: '.png' }] }, { ...filteringSample, FileName: 'photo.png' }, true],
  ['suffix: a .jpg file', { FileName: [{ suffix: '.png' }] }, { ...filteringSample, FileName: 'photo.jpg' }, false],
  ['suffix ignoring case: .PNG', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'PHOTO.PNG' }), true],
  ['suffix ignoring case: .png', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'photo.png' }), true],
  ['suffix ignoring case: .gif', { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, withDetail({ FileName: 'photo.gif' }), false],
  ['anything-but a string: running', { detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({ state: 'running' }), true],
  ['anything-but a string: initializing', { detail: { state: [{ 'anything-but': 'initializing' }] } }, withDetail({ state: 'initializing' }), false],
  ['anything-but a number: 456', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 456 }), true],
  ['anything-but a number: 123', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, withDetail({ 'x-limit': 123 }), false],
  ['anything-but a list of strings: running', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, withDetail({ state: 'running' }), true],
  ['anything-but a list of strings: overloaded', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, withDetail({ state: 'overloaded' }), false],
  ['anything-but a list of numbers: 150', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ 'x-limit': 150 }), true],
  ['anything-but a list of numbers: 200', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, withDetail({ 'x-limit': 200 }), false],
  ['anything-but a prefix: running', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 'running' }), true],
  ['anything-but a prefix: initializing', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, withDetail({ state: 'initializing' }), false],
  ['anything-but a suffix: notes.md', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, withDetail({ FileName: 'notes.md' }), true],
  ['anything-but a suffix: notes.txt', { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } }, withDetail({ FileName: 'notes.txt' }), false],
  ['anything-but ignoring case: INITIALIZING', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } }, withDetail({ state: 'INITIALIZING' }), false],
  ['anything-but ignoring case: running', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } }, withDetail({ state: 'running' }), true],
  ['anything-but ignoring case, a list: Stopped', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } }, withDetail({ state: 'Stopped' }), false],
  ['anything-but ignoring case, a list: running', { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } }, withDetail({ state: 'running' }), true],
  ['anything-but a wildcard: a path inside /lib/', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, withDetail({ FilePath: '/usr/lib/node' }), false],
  ['anything-but a wildcard: a path elsewhere', { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, withDetail({ FilePath: '/usr/share/node' }), true],
  ['anything-but wildcards, a list: a path inside /bin/', { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } }, withDetail({ FilePath: '/usr/bin/node' }), false],
  ['anything-but wildcards, a list: a path elsewhere', { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } }, withDetail({ FilePath: '/etc/hosts' }), true],
  [
    'numeric: every field within its range',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    filteringSample,
    true,
  ],
  [
    'numeric: one field out of its range',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
    withDetail({ ...filteringSample.detail, 'c-count': 0 }),
    false,
  ],
  ['IP address: an address in 10.0.0.0/24', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, withDetail({ sourceIPAddress: '10.0.0.255' }), true],
  ['IP address: an address outside 10.0.0.0/24', { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, withDetail({ sourceIPAddress: '10.0.1.1' }), false],
  ['IP address: an IPv6 address in its block', { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } }, withDetail({ sourceIPAddress: '2001:db8:1234:1a00::3' }), true],
  ['IP address: an IPv6 address outside its block', { detail: { sourceIPAddress: [{ cidr: '2001:db8:1234:1a00::/64' }] } }, withDetail({ sourceIPAddress: '2001:db8:1234:1a01::3' }), false],
  ['exists: the event has detail.state', { detail: { state: [{ exists: true }] } }, ec2Pending, true],
  ['exists: the event has no detail.state', { detail: { state: [{ exists: true }] } }, { ...ec2Pending, detail: { 'c-count': { c1: 100 } } }, false],
  ['does not exist: the event has no detail.c-count', { detail: { 'c-count': [{ exists: false }] } }, { ...ec2Pending, detail: { state: 'initializing' } }, true],
  ['does not exist: detail.c-count is an object, not a leaf', { detail: { 'c-count': [{ exists: false }] } }, { ...ec2Pending, detail: { state: 'running', 'c-count': { c1: 100 } } }, true],
  ['does not exist: the event has detail.c-count', { detail: { 'c-count': [{ exists: false }] } }, filteringSample, false],
  ['equals-ignore-case: the detail-type in other case', { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, ec2Pending, true],
  ['equals-ignore-case: another detail-type', { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, { ...ec2Pending, 'detail-type': 'EC2 Spot Instance Interruption Warning' }, false],
  [
    'wildcard: an event bus in us-east-1 of any account',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { ...ec2Pending, EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus' },
    true,
  ],
  [
    'wildcard: an event bus in another Region',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { ...ec2Pending, EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/myEventBus' },
    false,
  ],
  [
    'combined filters all hold on the sample event',
    {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
      },
    },
    filteringSample,
    true,
  ],
  [
    'combined filters fail when one of them fails',
    { time: [{ prefix: '2017-10-02' }], detail: { state: [{ 'anything-but': 'running' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    filteringSample,
    false,
  ],
  [
    '$or: one of three numeric conditions holds',
    { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
    withDetail({ 'c-count': 50, 'd-count': 50, 'x-limit': 301.8 }),
    true,
  ],
  [
    '$or: none of three numeric conditions holds',
    { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } },
    withDetail({ 'c-count': 50, 'd-count': 50, 'x-limit': 300 }),
    false,
  ],
  [
    '$or beside a field: the source and the namespace hold',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] },
    { source: 'aws.cloudwatch', metricName: 'WriteLatency', namespace: 'AWS/ES' },
    true,
  ],
  [
    '$or beside a field: the source does not hold',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] },
    { source: 'aws.ec2', metricName: 'CPUUtilization', namespace: 'AWS/EC2' },
    false,
  ],
  [
    'a key given twice: only the last one counts (it lets eu-west through)',
    '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    withDetail({ location: 'eu-west' }),
    true,
  ],
  [
    'a key given twice: only the last one counts (it stops us-east)',
    '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}',
    withDetail({ location: 'us-east' }),
    false,
  ],
];

const cloudTrailLike = {
  ...ec2Pending,
  source: 'aws.iam',
  detail: { eventVersion: '', responseElements: null, eventName: 'CreateUser' },
};

const nullValuesPage: Row[] = [
  ['null matches a null value', { detail: { responseElements: [null] } }, cloudTrailLike, true],
  ['an empty string matches an empty value', { detail: { eventVersion: [''] } }, cloudTrailLike, true],
  ['null does not match an empty string', { detail: { eventVersion: [null] } }, cloudTrailLike, false],
  ['an empty string does not match null', { detail: { responseElements: [''] } }, cloudTrailLike, false],
  ['null does not match a missing field', { detail: { requestParameters: [null] } }, cloudTrailLike, false],
];

const customer = { Location: 'New York', Day: 'Monday', LastName: '', Name: 'Alice', UserID: null, Price: 100, PaymentType: 'Credit', Weather: 'Sunny' };
const operatorsPage: Row[] = [
  ['And: Location and Day both hold', { Location: ['New York'], Day: ['Monday'] }, customer, true],
  ['And: Day does not hold', { Location: ['New York'], Day: ['Tuesday'] }, customer, false],
  ['Anything-but (begins with): a Region outside the US', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'eu-west-1' }, true],
  ['Anything-but (begins with): a US Region', { Region: [{ 'anything-but': { prefix: 'us-' } }] }, { Region: 'us-east-1' }, false],
  ['Anything-but (ends with): not a .png file', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.gif' }, true],
  ['Anything-but (ends with): a .png file', { FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' }, false],
  ['Begins with: a US Region', { Region: [{ prefix: 'us-' }] }, { Region: 'us-east-1' }, true],
  ['Begins with (ignore case): EventBridge in any case', { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] }, { service: 'EVENTBRIDGE' }, true],
  ['Empty: LastName is empty', { LastName: [''] }, customer, true],
  ['Empty: LastName is not empty', { LastName: [''] }, { ...customer, LastName: 'Smith' }, false],
  ['Equals: Name is Alice', { Name: ['Alice'] }, customer, true],
  ['Equals: case matters', { Name: ['alice'] }, customer, false],
  ['Equals (ignore case): Name is alice in any case', { Name: [{ 'equals-ignore-case': 'alice' }] }, customer, true],
  ['Ends with: a .png file', { FileName: [{ suffix: '.png' }] }, { FileName: 'a.png' }, true],
  ['Ends with (ignore case): tbridge in capitals', { service: [{ suffix: { 'equals-ignore-case': 'tbridge' } }] }, { service: 'EVENTBRIDGE' }, true],
  ['Exists: ProductName is there', { ProductName: [{ exists: true }] }, { ProductName: 'Widget' }, true],
  ['Exists: ProductName is missing', { ProductName: [{ exists: true }] }, customer, false],
  ['Does not exist: ProductName is missing', { ProductName: [{ exists: false }] }, customer, true],
  ['Does not exist: ProductName is there', { ProductName: [{ exists: false }] }, { ProductName: 'Widget' }, false],
  ['Not: Weather is not Raining', { Weather: [{ 'anything-but': ['Raining'] }] }, customer, true],
  ['Not: Weather is Raining', { Weather: [{ 'anything-but': ['Raining'] }] }, { ...customer, Weather: 'Raining' }, false],
  ['Null: UserID is null', { UserID: [null] }, customer, true],
  ['Null: UserID has a value', { UserID: [null] }, { ...customer, UserID: 'u-1' }, false],
  ['Numeric (equals): Price is 100', { Price: [{ numeric: ['=', 100] }] }, customer, true],
  ['Numeric (equals): Price is 101', { Price: [{ numeric: ['=', 100] }] }, { ...customer, Price: 101 }, false],
  ['Numeric (range): Price above 10 and at most 20', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { ...customer, Price: 20 }, true],
  ['Numeric (range): Price of 10 is not above 10', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { ...customer, Price: 10 }, false],
  ['Or: PaymentType is Credit', { PaymentType: ['Credit', 'Debit'] }, customer, true],
  ['Or: PaymentType is Cash', { PaymentType: ['Credit', 'Debit'] }, { ...customer, PaymentType: 'Cash' }, false],
  ['Or (multiple fields): Location is New York', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { ...customer, Day: 'Friday' }, true],
  ['Or (multiple fields): neither holds', { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] }, { ...customer, Location: 'Boston', Day: 'Friday' }, false],
  ['Wildcard: a .png file in dir', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'dir/holiday.png' }, true],
  ['Wildcard: a .png file elsewhere', { FileName: [{ wildcard: 'dir/*.png' }] }, { FileName: 'other/holiday.png' }, false],
];

describe.each([
  ['Event patterns', eventPatternsPage],
  ['Arrays in event patterns', arraysPage],
  ['Content filtering', contentFilteringPage],
  ['Null values and empty strings', nullValuesPage],
  ['Comparison operators', operatorsPage],
])('The user guide page "%s"', (_page, rows) => {
  it.each(rows)('%s', (_example, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});
