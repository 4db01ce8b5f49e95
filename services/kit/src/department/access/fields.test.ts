import { describe, expect, it } from 'vitest';
import { parse, type GraphQLResolveInfo } from 'graphql';
import type { Identity, Role } from '@onewindow/runtime';
import { checkProtectedFields, protectOwnFields } from './fields.js';
import { PersonalReads } from './personal-reads.js';

const typeDefs = parse(`
  type PropertyTransaction { address: String  price: Float  owner: String!  phone: String! }
  type TaxCase { id: ID!  taxAmount: Float }
`);

const FIELDS = {
  'PropertyTransaction.address': 'personal',
  'PropertyTransaction.price': 'confidential',
  'PropertyTransaction.owner': 'name',
  'PropertyTransaction.phone': 'phone',
  'TaxCase.taxAmount': 'confidential',
} as const;

const contextOf = (role: Role, department?: string) => ({
  identity: { sub: 'x', role, ip: '127.0.0.1', ...(department ? { department } : {}) } as Identity,
  department: { code: 'tax' },
  personalReads: new PersonalReads(),
});

type Resolver = (parent: unknown, args: unknown, context: unknown, info: GraphQLResolveInfo) => Promise<unknown>;

describe('a department’s protected fields', () => {
  const resolvers = protectOwnFields({ TaxCase: { taxAmount: () => 1234.5 } }, FIELDS, 'Tax') as Record<
    string,
    Record<string, Resolver>
  >;
  const transaction = {
    caseId: 7,
    address: '杭州市西湖区文三路 1 号',
    price: 3_000_000,
    owner: '王小明',
    phone: '13812345678',
  };
  const read = async (role: Role, type: string, field: string, parent: unknown, department?: string) =>
    resolvers[type]![field]!(parent, {}, contextOf(role, department), {} as GraphQLResolveInfo);

  it('are whole for those who read cases whole', async () => {
    expect(await read('supervisor', 'PropertyTransaction', 'address', transaction)).toBe(transaction.address);
    expect(await read('officer', 'PropertyTransaction', 'price', transaction, 'tax')).toBe(3_000_000);
    expect(await read('window', 'TaxCase', 'taxAmount', { id: 7 })).toBe(1234.5);
  });

  it('are masked or withheld for analysts', async () => {
    expect(await read('analyst', 'PropertyTransaction', 'address', transaction)).toBeNull();
    expect(await read('analyst', 'PropertyTransaction', 'price', transaction)).toBeNull();
    expect(await read('analyst', 'PropertyTransaction', 'owner', transaction)).toBe('王**');
    expect(await read('analyst', 'PropertyTransaction', 'phone', transaction)).toBe('138****5678');
    expect(await read('analyst', 'TaxCase', 'taxAmount', { id: 7 })).toBeNull();
  });

  it('are null for callers who may not read cases', async () => {
    expect(await read('auditor', 'PropertyTransaction', 'owner', transaction)).toBeNull();
    expect(await read('officer', 'PropertyTransaction', 'owner', transaction, 'market')).toBeNull();
  });

  it('note personal reads with their case, and confidential ones not', async () => {
    const context = contextOf('supervisor');
    const info = {} as GraphQLResolveInfo;
    await resolvers.PropertyTransaction!.owner!(transaction, {}, context, info);
    await resolvers.PropertyTransaction!.price!(transaction, {}, context, info);
    const entry = context.personalReads.entry(context.identity, 'tax', 'Q', new Date(0));
    expect(entry?.detail).toEqual({
      department: 'tax',
      cases: ['tax:7'],
      caseCount: 1,
      fields: ['PropertyTransaction.owner'],
      masked: false,
    });
  });

  it('must exist and be nullable when analysts get null', () => {
    expect(() => checkProtectedFields(typeDefs, FIELDS, 'tax')).not.toThrow();
    expect(() => checkProtectedFields(typeDefs, { 'PropertyTransaction.owner': 'personal' }, 'tax')).toThrow(
      /non-null/,
    );
    expect(() => checkProtectedFields(typeDefs, { 'PropertyTransaction.adress': 'personal' }, 'tax')).toThrow(
      /not a field/,
    );
  });
});
