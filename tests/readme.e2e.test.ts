/**
 * The README's examples, as a newcomer runs them: a token printed by `npm run token`, and every
 * GraphQL example in the README asked through the gateway with it. The public example also works
 * with no token at all, and the signed-in ones do not.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './support/graphql.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
/** The README's own command, run as it is written there. */
const token = async (...args: string[]) =>
  (await promisify(execFile)('npm', ['run', '-s', 'token', '--', ...args], { encoding: 'utf8' })).stdout.trim();

let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ services: [...SUBGRAPHS, 'gateway'], demoCases: 40 });
});

afterAll(async () => {
  await federation?.stop();
});

describe("the README's examples", () => {
  it('are there to be tried', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const args of ['--role supervisor', '--role officer --department housing', '--role analyst'])
      expect(readme).toContain(`npm run -s token -- ${args}`);
  });

  it('npm run token says what is wrong with its arguments, and which roles there are', async () => {
    for (const [args, problem] of [
      [
        ['--role', 'boss'],
        'unknown role "boss": one of applicant, window, officer, chief, supervisor, analyst, auditor',
      ],
      [['--role', 'service'], 'unknown role "service"'],
      [['--role', 'officer'], 'department: an officer needs a department'],
      [[], '--role is required'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['--role'], "Option '--role <value>' argument missing"],
      [['--role', 'supervisor', '--ttl', 'soon'], '--ttl "soon" is not a duration'],
    ] as const) {
      const refused = await token(...args).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused?.code, args.join(' ')).toBe(2);
      expect(refused?.stderr.split('\n')[0], args.join(' ')).toContain(problem);
      expect(refused?.stderr).toContain('usage: npm run token');
    }
    expect(await token('--help')).toMatch(/^usage: npm run token[\s\S]*roles: applicant, window/);
  });

  it('each answer a supervisor signed in with a token from npm run token, without errors', async () => {
    const authorization = `Bearer ${await token('--role', 'supervisor')}`;
    for (const example of examples) {
      const { status, body } = await post(federation.gateway.url, example, {}, { authorization });
      expect({ example, status, errors: body.errors }).toEqual({ example, status: 200, errors: undefined });
      expect(body.data).toBeTruthy();
    }
  });

  it('answer the public only where the README says so', async () => {
    // The catalog and the departments' own counts are public (政务公开); cases are not.
    const publicExamples = examples.filter((example) => /^\{ (items|departments)\b/.test(example));
    expect(publicExamples).toHaveLength(2);
    for (const example of examples) {
      const { body } = await post(federation.gateway.url, example);
      const codes = body.errors?.map((error) => error.extensions?.code) ?? [];
      if (publicExamples.includes(example)) expect(codes).toEqual([]);
      else expect(codes).toContain('UNAUTHENTICATED');
    }
  });

  it("work with the README's other tokens as their roles allow", async () => {
    const officer = `Bearer ${await token('--role', 'officer', '--department', 'housing')}`;
    const mine = await post(
      federation.gateway.url,
      '{ cases(first: 5) { edges { node { id } } } }',
      {},
      {
        authorization: officer,
      },
    );
    expect(mine.body.errors).toBeUndefined();
    for (const edge of mine.body.data!.cases.edges) expect(edge.node.id).toMatch(/^housing:/);
    const analyst = `Bearer ${await token('--role', 'analyst')}`;
    const masked = await post(
      federation.gateway.url,
      '{ cases(first: 5) { edges { node { applicant { name idNumberMasked } } } } }',
      {},
      { authorization: analyst },
    );
    expect(masked.body.errors).toBeUndefined();
    for (const edge of masked.body.data!.cases.edges) {
      expect(edge.node.applicant.name).toMatch(/^.\*+$/u);
      expect(edge.node.applicant.idNumberMasked).toMatch(/^.{3}\*+.{4}$/u);
    }
  });
});
