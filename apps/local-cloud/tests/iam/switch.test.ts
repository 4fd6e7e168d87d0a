/**
 * Local IAM is on unless switched off: `npm start -- --no-iam` / `startLocalCloud({ iam: false })`.
 * (What switching it off changes at run time is shown by grant-removed.e2e.test.ts.)
 */
import { join } from 'node:path';
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseStartArgs, START_USAGE } from '../../src/cli/start-command';
import { startLocalCloud } from '../../src/boot/start-local-cloud';
import { FUNCTION_SECRET_ACCESS_KEY } from '../../src/lambda/function-environment';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const FIXTURES = join(__dirname, '../fixtures/assemblies');
const assemblies = [
  { app: 'orders', dir: join(FIXTURES, 'orders') },
  { app: 'flow', dir: join(FIXTURES, 'flow') },
];

describe('switching local IAM', () => {
  it('leaves it on by default and turns it off with --no-iam', () => {
    expect(parseStartArgs([], '/repo')).not.toHaveProperty('iam', false);
    expect(parseStartArgs(['--no-iam'], '/repo')).toMatchObject({ iam: false });
    expect(START_USAGE).toContain('--no-iam');
  });

  it('refuses a call the role does not allow by default, and lets it through with iam: false', async () => {
    const on = await startLocalCloud({ ports: 'free', synth: false, assemblies });
    const off = await startLocalCloud({ ports: 'free', synth: false, assemblies, iam: false });
    // Signed as FulfilOrder, whose role may put and get items of the orders table, not delete them.
    const deleteAsFulfilOrder = (endpoint: string) =>
      new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'FulfilOrderA1B2C3D4', secretAccessKey: FUNCTION_SECRET_ACCESS_KEY } }).send(
        new DeleteItemCommand({ TableName: 'FixtureOrders-OrdersTable', Key: { id: { S: 'o-1' } } }),
      );
    try {
      await expect(deleteAsFulfilOrder(on.endpoints.dynamodb)).rejects.toMatchObject({ name: 'AccessDeniedException' });
      await expect(deleteAsFulfilOrder(off.endpoints.dynamodb)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
      expect(on.iam?.denials().map((d) => d.action)).toEqual(['dynamodb:DeleteItem']);
      expect(on.notes.join('\n')).toContain('Local IAM does not check the AWS calls of FixtureOrders-PlaceOrder (no execution role)');
      expect(off.iam).toBeUndefined();
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
  });
});
