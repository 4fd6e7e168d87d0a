/**
 * Arrays in events: a field matches if any element matches, objects inside arrays are matched
 * element by element (array consistency), and `exists: false` looks at every element that the
 * leaves before it have not already pinned down.
 */
import { compilePattern, matchesPattern } from '../src';

const staff = {
  employees: [
    { firstName: 'John', lastName: 'Doe' },
    { firstName: 'Anna', lastName: 'Smith' },
    { firstName: 'Peter', lastName: 'Jones' },
  ],
};

describe('Arrays of scalars', () => {
  it('match when any element matches', () => {
    expect(matchesPattern({ tags: ['eu'] }, { tags: ['beta', 'eu'] })).toBe(true);
    expect(matchesPattern({ tags: ['us'] }, { tags: ['beta', 'eu'] })).toBe(false);
  });

  it('match through nested arrays', () => {
    expect(matchesPattern({ grid: [{ numeric: ['>', 8] }] }, { grid: [[1, 2], [3, [9]]] })).toBe(true);
  });

  it('never match through an empty array', () => {
    expect(matchesPattern({ tags: [{ prefix: '' }] }, { tags: [] })).toBe(false);
  });

  it('skip elements that are objects when the pattern wants a value', () => {
    expect(matchesPattern({ mixed: ['x'] }, { mixed: [{ x: 1 }, 'x'] })).toBe(true);
    expect(matchesPattern({ mixed: ['x'] }, { mixed: [{ x: 1 }] })).toBe(false);
  });
});

describe('Arrays of objects', () => {
  it('match a field of one element', () => {
    expect(matchesPattern({ employees: { firstName: ['Anna'] } }, staff)).toBe(true);
  });

  it('match several fields when one element holds them all', () => {
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, staff)).toBe(true);
  });

  it('do not combine fields taken from different elements', () => {
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, staff)).toBe(false);
  });

  it('treat nested arrays of objects as one list of elements', () => {
    const nested = { employees: [[staff.employees[0], staff.employees[1]], [staff.employees[2]]] };

    expect(matchesPattern({ employees: { firstName: ['Peter'], lastName: ['Jones'] } }, nested)).toBe(true);
    expect(matchesPattern({ employees: { firstName: ['Peter'], lastName: ['Smith'] } }, nested)).toBe(false);
  });

  it('keep elements consistent across levels', () => {
    const orders = {
      orders: [
        { id: 'o1', lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 5 }] },
        { id: 'o2', lines: [{ sku: 'A', qty: 9 }] },
      ],
    };

    expect(matchesPattern({ orders: { id: ['o2'], lines: { sku: ['A'], qty: [{ numeric: ['>', 5] }] } } }, orders)).toBe(true);
    expect(matchesPattern({ orders: { id: ['o1'], lines: { sku: ['A'], qty: [{ numeric: ['>', 5] }] } } }, orders)).toBe(false);
    expect(matchesPattern({ orders: { id: ['o1'], lines: { sku: ['B'], qty: [5] } } }, orders)).toBe(true);
  });

  it('search past an element that matches one field but not the next', () => {
    const event = { items: [{ kind: 'book', price: 5 }, { kind: 'book', price: 50 }] };

    expect(matchesPattern({ items: { kind: ['book'], price: [{ numeric: ['>', 20] }] } }, event)).toBe(true);
  });

  it('let independent arrays choose their elements independently', () => {
    const event = { a: [{ x: 1 }, { x: 2 }], b: [{ y: 3 }, { y: 4 }] };

    expect(matchesPattern({ a: { x: [2] }, b: { y: [3] } }, event)).toBe(true);
  });

  it('apply one $or alternative per element choice', () => {
    const pattern = { employees: { firstName: ['Anna'], $or: [{ lastName: ['Jones'] }, { lastName: ['Smith'] }] } };

    expect(matchesPattern(pattern, staff)).toBe(true);
  });
});

describe('exists: false with arrays', () => {
  const cart = { items: [{ sku: 'A', discount: 5 }, { sku: 'B' }] };

  it('matches only when no element has the field', () => {
    expect(matchesPattern({ items: { discount: [{ exists: false }] } }, cart)).toBe(false);
    expect(matchesPattern({ items: { coupon: [{ exists: false }] } }, cart)).toBe(true);
  });

  it('looks only at the element chosen by a field that comes before it in path order', () => {
    // "items.aisle" sorts before "items.discount": the element is chosen first, then checked.
    const event = { items: [{ aisle: 1, discount: 5 }, { aisle: 2 }] };

    expect(matchesPattern({ items: { aisle: [2], discount: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ items: { aisle: [1], discount: [{ exists: false }] } }, event)).toBe(false);
  });

  it('looks at every element when the field that chooses one comes after it in path order', () => {
    // "items.discount" sorts before "items.sku": as on an event bus, absence is checked first,
    // across all elements, so one discounted item is enough to rule the event out.
    expect(matchesPattern({ items: { sku: ['B'], discount: [{ exists: false }] } }, cart)).toBe(false);
  });

  it('matches an array of objects none of which has the field, as exists: true does not', () => {
    const event = { items: [{ sku: 'A' }, { sku: 'B' }] };

    expect(matchesPattern({ items: { discount: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ items: { discount: [{ exists: true }] } }, event)).toBe(false);
  });
});

describe('A compiled pattern', () => {
  it('gives the same answers on the same event every time (no state leaks between calls)', () => {
    const compiled = compilePattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } });
    const other = compilePattern({ employees: { firstName: ['Peter'], lastName: ['Jones'] } });

    const answers = [compiled.matches(staff), other.matches(staff), compiled.matches(staff), other.matches(staff)];

    expect(answers).toEqual([false, true, false, true]);
  });
});
