/**
 * Conformance cases from AWS's DynamoDB developer guide ("Condition and filter expressions",
 * "Update expressions", "Time to Live"), on the ProductCatalog item the guide uses, run on the
 * engine directly (no HTTP), plus the TTL sweeper and the CloudFormation conversion.
 */
import { DynamoDbEngine, startLocalDynamoDb, tableFromCloudFormation, ValidationError, type Item } from '../src';

const product: Item = {
  Id: { N: '789' },
  ProductCategory: { S: 'Home Improvement' },
  Price: { N: '52' },
  InStock: { BOOL: true },
  Brand: { S: 'Acme' },
  Color: { SS: ['Red', 'Yellow', 'Black'] },
  QuantityOnHand: { N: '10' },
  Pictures: { M: { FrontView: { S: 'http://example.com/products/789_front.jpg' }, RearView: { S: 'http://example.com/products/789_rear.jpg' } } },
  ProductReviews: { M: { FiveStar: { L: [{ S: 'Excellent! Can not recommend it highly enough! Buy it!' }] }, OneStar: { L: [{ S: 'Terrible product! Do not buy this.' }] } } },
  RelatedItems: { L: [{ N: '341' }, { N: '472' }, { N: '649' }] },
  Comment: { S: 'This product sells out quickly during the summer' },
};

function catalog(): DynamoDbEngine {
  const engine = new DynamoDbEngine();
  engine.execute('CreateTable', { TableName: 'ProductCatalog', KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'N' }], BillingMode: 'PAY_PER_REQUEST' });
  engine.execute('PutItem', { TableName: 'ProductCatalog', Item: product });
  return engine;
}

const key = { Id: { N: '789' } };

describe('condition expressions of the developer guide', () => {
  it.each([
    ['attribute_exists(Pictures.SideView)', undefined, false],
    ['attribute_not_exists(Manufacturer)', undefined, true],
    ['attribute_type(ProductReviews.FiveStar, :v_sub)', { ':v_sub': { S: 'L' } }, true],
    ['begins_with(Pictures.FrontView, :v_sub)', { ':v_sub': { S: 'http://' } }, true],
    ['contains(Color, :v_sub)', { ':v_sub': { S: 'Red' } }, true],
    ['size(Brand) <= :v_sub', { ':v_sub': { N: '20' } }, true],
    ['size(Color) < :v_sub', { ':v_sub': { N: '3' } }, false],
    ['size(ProductReviews.OneStar) > :v_sub', { ':v_sub': { N: '3' } }, false],
    ['Price BETWEEN :lo AND :hi', { ':lo': { N: '50' }, ':hi': { N: '60' } }, true],
    ['ProductCategory IN (:cat1, :cat2)', { ':cat1': { S: 'Sporting Goods' }, ':cat2': { S: 'Gardening Supplies' } }, false],
    ['(ProductCategory IN (:cat1, :cat2)) and (Price between :lo and :hi)', { ':cat1': { S: 'Home Improvement' }, ':cat2': { S: 'Gardening Supplies' }, ':lo': { N: '50' }, ':hi': { N: '60' } }, true],
  ])('%s', (condition, values, holds) => {
    const engine = catalog();
    const attempt = () => engine.execute('DeleteItem', { TableName: 'ProductCatalog', Key: key, ConditionExpression: condition, ...(values ? { ExpressionAttributeValues: values } : {}) });

    if (holds) expect(attempt()).toEqual({});
    else expect(attempt).toThrow(expect.objectContaining({ name: 'ConditionalCheckFailedException' }));
  });
});

describe('update expressions of the developer guide', () => {
  const update = (expression: string, values?: Item, names?: Record<string, string>): Item => {
    const engine = catalog();
    const answer = engine.execute('UpdateItem', {
      TableName: 'ProductCatalog',
      Key: key,
      UpdateExpression: expression,
      ...(values ? { ExpressionAttributeValues: values } : {}),
      ...(names ? { ExpressionAttributeNames: names } : {}),
      ReturnValues: 'ALL_NEW',
    }) as { Attributes: Item };
    return answer.Attributes;
  };

  it('decrements a number (SET Price = Price - :p)', () => {
    expect(update('SET Price = Price - :p', { ':p': { N: '15' } }).Price).toEqual({ N: '37' });
  });

  it('replaces a list element and adds nested map attributes', () => {
    const item = update('SET RelatedItems[1] = :ri, #pr.ThreeStar = :r3, #pr.OneStar = :r1', { ':ri': { S: 'Nails' }, ':r3': { L: [{ S: 'Just OK - not that great' }] }, ':r1': { L: [{ S: 'Do not buy!' }] } }, { '#pr': 'ProductReviews' });

    expect(item.RelatedItems).toEqual({ L: [{ N: '341' }, { S: 'Nails' }, { N: '649' }] });
    expect(item.ProductReviews).toEqual({ M: { FiveStar: (product.ProductReviews as { M: Item }).M.FiveStar, ThreeStar: { L: [{ S: 'Just OK - not that great' }] }, OneStar: { L: [{ S: 'Do not buy!' }] } } });
  });

  it('appends to a list (list_append) and sets a default (if_not_exists)', () => {
    const item = update('SET #pr.FiveStar = list_append(#pr.FiveStar, :r), Price = if_not_exists(Price, :p), Discount = if_not_exists(Discount, :p)', { ':r': { L: [{ S: 'Very happy with my purchase' }] }, ':p': { N: '100' } }, { '#pr': 'ProductReviews' });

    expect((item.ProductReviews as { M: Item }).M.FiveStar).toEqual({ L: [{ S: 'Excellent! Can not recommend it highly enough! Buy it!' }, { S: 'Very happy with my purchase' }] });
    expect([item.Price, item.Discount]).toEqual([{ N: '52' }, { N: '100' }]);
  });

  it('removes attributes and list elements (REMOVE)', () => {
    const item = update('REMOVE Brand, InStock, QuantityOnHand, RelatedItems[1], RelatedItems[2]');

    expect([item.Brand, item.InStock, item.QuantityOnHand]).toEqual([undefined, undefined, undefined]);
    expect(item.RelatedItems).toEqual({ L: [{ N: '341' }] });
  });

  it('adds to a number and to a set (ADD), and removes set members (DELETE)', () => {
    expect(update('ADD QuantityOnHand :q', { ':q': { N: '5' } }).QuantityOnHand).toEqual({ N: '15' });
    expect(update('ADD Color :c', { ':c': { SS: ['Orange', 'Purple'] } }).Color).toEqual({ SS: ['Red', 'Yellow', 'Black', 'Orange', 'Purple'] });
    expect(update('DELETE Color :p', { ':p': { SS: ['Yellow', 'Purple'] } }).Color).toEqual({ SS: ['Red', 'Black'] });
  });

  it('refuses a reserved word used as a name, and names it', () => {
    expect(() => update('SET Comment = :c', { ':c': { S: 'x' } })).toThrow(new ValidationError('Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Comment'));
  });
});

describe('the TTL sweeper', () => {
  it('deletes an expired item within the sweep interval, on its own', async () => {
    const db = await startLocalDynamoDb({
      ttlSweepIntervalMs: 20,
      tables: [{ tableName: 'sessions', properties: { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } } }],
    });
    try {
      const seconds = Math.floor(Date.now() / 1000);
      db.engine.execute('PutItem', { TableName: 'sessions', Item: { id: { S: 'old' }, expiresAt: { N: String(seconds - 1) } } });
      db.engine.execute('PutItem', { TableName: 'sessions', Item: { id: { S: 'new' }, expiresAt: { N: String(seconds + 3600) } } });
      const count = () => (db.engine.execute('Scan', { TableName: 'sessions', Select: 'COUNT' }) as { Count: number }).Count;

      const deadline = Date.now() + 10_000;
      while (count() !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));

      expect(db.engine.execute('Scan', { TableName: 'sessions' })).toMatchObject({ Items: [{ id: { S: 'new' } }] });
    } finally {
      await db.close();
    }
  });

  it('tracks the items already in a table when TTL is enabled later', () => {
    let now = Date.now();
    const engine = new DynamoDbEngine({ now: () => now });
    engine.execute('CreateTable', { TableName: 'later', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    engine.execute('PutItem', { TableName: 'later', Item: { id: { S: 'a' }, ttl: { N: String(Math.floor(now / 1000) + 10) } } });
    now += 60_000;
    expect(engine.deleteExpiredItems()).toBe(0);

    engine.execute('UpdateTimeToLive', { TableName: 'later', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });

    expect(engine.deleteExpiredItems()).toBe(1);
  });
});

describe('tables from CloudFormation', () => {
  it('turns a template table into CreateTable, dropping what has no local effect and noting what is not emulated', () => {
    const local = tableFromCloudFormation({
      tableName: 'orders',
      properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }, ContributorInsightsSpecification: { Enabled: true } }],
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        SSESpecification: { SSEEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
      },
    });

    expect(local).toEqual({
      createTable: {
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'g', AttributeType: 'S' },
        ],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }],
      },
      timeToLive: { AttributeName: 'expires', Enabled: true },
      notes: ['Table orders: DynamoDB Streams are not emulated locally (StreamSpecification ignored).'],
    });
  });

  it('refuses a table that CreateTable would refuse, with its message', async () => {
    await expect(startLocalDynamoDb({ tables: [{ tableName: 'bad', properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' } }] })).rejects.toThrow('No Attribute Schema Defined');
  });
});
