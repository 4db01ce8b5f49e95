/**
 * The departments' item catalogs: limits within the law, today's names for items and bodies, and
 * the sync that brings a corrected catalog into a database that already exists (a county that
 * upgrades), leaving its cases alone.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../schema/src/registry.js';
import { catalog as envCatalog } from '../services/env/src/catalog.js';
import { catalog as housingCatalog } from '../services/housing/src/catalog.js';
import { housing } from '../services/housing/src/department.js';
import {
  bulkInsert,
  startDepartment,
  type CatalogItem,
  type DepartmentDefinition,
  type RunningDepartment,
  type ServiceClient,
} from '../services/kit/src/index.js';
import { catalog as marketCatalog } from '../services/market/src/catalog.js';
import { catalog as taxCatalog } from '../services/tax/src/catalog.js';
import { query } from './support/graphql.js';

/** Every registered department's catalog (a department added later is checked too). */
const catalogs: Record<string, readonly CatalogItem[]> = Object.fromEntries(
  await Promise.all(
    departments.map(async (d) => {
      const module = (await import(`../services/${d.code}/src/catalog.ts`)) as { catalog: readonly CatalogItem[] };
      return [d.code, module.catalog] as const;
    }),
  ),
);
const everyItem = Object.entries(catalogs).flatMap(([department, items]) =>
  items.map((item) => ({ department, item })),
);
/** Every text of an item a reader sees: name, body, basis, conditions, process and materials. */
const textsOf = (item: CatalogItem) => [
  item.name,
  item.implementingBody,
  item.legalBasis,
  item.conditions,
  item.process,
  ...item.materials.map((m) => m.name),
];
const byCode = (items: readonly CatalogItem[], code: string) => {
  const item = items.find((i) => i.code === code);
  if (!item) throw new Error(`no item ${code}`);
  return item;
};

describe('every item of every catalog', () => {
  it('covers every registered department, with unique 12-digit codes', () => {
    for (const [code, items] of Object.entries(catalogs)) expect(items.length, code).toBeGreaterThan(0);
    const codes = everyItem.map(({ item }) => item.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{12}$/);
    expect(everyItem.length).toBeGreaterThanOrEqual(39);
  });

  it.each(everyItem.map(({ department, item }) => [`${department} ${item.code} ${item.name}`, item] as const))(
    '%s: committed ≤ statutory, an immediate item promises 0 days',
    (_label, item) => {
      expect(item.committedLimitDays).toBeGreaterThanOrEqual(0);
      expect(item.committedLimitDays).toBeLessThanOrEqual(item.statutoryLimitDays);
      if (item.kind === 'IMMEDIATE') expect(item.committedLimitDays).toBe(0);
      expect(item.legalBasis).toMatch(/《.+》/);
    },
  );

  it('uses no obsolete name for a body or a procedure', () => {
    const obsolete = [
      /消防设计审核/, // 公安消防机构's term, before the 2019 transfer to 住房和城乡建设
      /环境保护局|环保局/, // renamed 生态环境局 in 2018
      /县生态环境局/, // the county's bureau is the city bureau's 分局
      /国土资源局|规划局/, // merged into 自然资源局 in 2018
      /工商行政管理局|食品药品监督管理局/, // merged into 市场监督管理局 in 2018
      /国家税务局|地方税务局/, // merged into 税务局 in 2018
    ];
    for (const { department, item } of everyItem) {
      for (const text of textsOf(item)) {
        for (const term of obsolete) expect(text, `${department} ${item.code}`).not.toMatch(term);
      }
    }
  });
});

describe('the corrections of issue 11', () => {
  it('housing: 特殊建设工程 fire review and acceptance under 暂行规定 as amended; the completion filing on receipt', () => {
    const review = byCode(housingCatalog, '000140003000');
    const acceptance = byCode(housingCatalog, '000140004000');
    expect(review.name).toBe('特殊建设工程消防设计审查');
    expect(acceptance.name).toBe('特殊建设工程消防验收');
    for (const item of [review, acceptance]) {
      expect(item.legalBasis).toContain('住房和城乡建设部令第51号');
      expect(item.legalBasis).toContain('第58号');
      expect(item.statutoryLimitDays).toBe(15);
    }
    const filing = byCode(housingCatalog, '000140005000');
    expect(filing).toMatchObject({
      name: '房屋建筑和市政基础设施工程竣工验收备案',
      kind: 'IMMEDIATE',
      statutoryLimitDays: 0,
      committedLimitDays: 0,
    });
    expect(filing.process).toContain('文件收讫');
  });

  it('env: the county branch (分局) of the city bureau decides; the city bureau where a case is reported up', () => {
    expect(departments.find((d) => d.code === 'env')?.name).toMatch(/分局$/);
    for (const item of envCatalog) {
      const body = item.kind === 'REPORTED' ? /^市生态环境局$/ : /^市生态环境局.+分局$/;
      expect(item.implementingBody, item.code).toMatch(body);
    }
    // 环境影响评价法 §22: 报告书 60 days, 报告表 30 days, 登记表 filed.
    expect(byCode(envCatalog, '000174001000').statutoryLimitDays).toBe(60);
    expect(byCode(envCatalog, '000174002000').statutoryLimitDays).toBe(30);
    expect(byCode(envCatalog, '000174003000').kind).toBe('IMMEDIATE');
  });

  it('tax: invoicing in 数电票 terms, no 税控 or paper-only invoice kinds', () => {
    const invoicing = taxCatalog.filter((item) => textsOf(item).some((text) => text.includes('发票')));
    expect(invoicing.length).toBeGreaterThanOrEqual(3);
    for (const item of invoicing) {
      for (const text of textsOf(item)) {
        expect(text, item.code).not.toMatch(/税控|增值税专用发票|增值税普通发票|普通发票|最高开票限额|发票领用簿/);
      }
    }
    expect(byCode(taxCatalog, '000120005000').name).toBe('数电票开票额度调整');
    expect(byCode(taxCatalog, '000120002000').name).toContain('纸质发票');
  });

  it('market: registration within the 3 working days of 市场主体登记管理条例 §19', () => {
    for (const code of ['000132001000', '000132002000', '000132003000', '000132004000']) {
      expect(byCode(marketCatalog, code).statutoryLimitDays).toBe(3);
      expect(byCode(marketCatalog, code).legalBasis).toContain('市场主体登记管理条例');
    }
  });
});

describe('a corrected catalog reaches an existing database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-catalog-'));
  const file = join(dataDir, 'housing.db');
  let running: RunningDepartment | undefined;
  const start = async () => {
    running = await startDepartment(housing as unknown as DepartmentDefinition<ServiceClient, unknown>, {
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DEMO_CASES: '0',
    });
    return running.url;
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  /** Opens the department's database directly: read-only unless the test plays an old release. */
  const withDb = <T>(read: (db: Database.Database) => T, readonly = true): T => {
    const db = new Database(file, { readonly, fileMustExist: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  const storedItem = (code: string) =>
    withDb((db) => db.prepare('SELECT * FROM "Item" WHERE code = ?').get(code) as Record<string, unknown>);
  const storedMaterials = (code: string) =>
    withDb((db) =>
      db.prepare('SELECT id, name FROM "ItemMaterial" WHERE itemCode = ? ORDER BY position').all(code),
    ) as { id: number; name: string }[];
  const caseHistory = () =>
    withDb((db) => ({
      cases: db.prepare('SELECT * FROM "Case" ORDER BY id').all(),
      events: db.prepare('SELECT * FROM "CaseEvent" ORDER BY id').all(),
    }));
  const itemName = async (url: string, code: string) => {
    const text = '{ housing { items(first: 50) { edges { node { code name kind committedLimitDays } } } } }';
    const data = await query(url, text);
    return (data.housing.items.edges as { node: { code: string; name: string; kind: string } }[])
      .map((e) => e.node)
      .find((node) => node.code === code);
  };

  // Cases an older release decided, of the items the test corrects: the sync must leave them as they are.
  beforeAll(async () => {
    await start();
    await stop();
    const decided = (id: number, itemCode: string) => {
      const at = new Date(Date.UTC(2026, 2, 2 + id, 2));
      return {
        id,
        number: `HOUSING-2026030${2 + id}-00000${id}`,
        itemCode,
        applicantKind: 'PERSON',
        applicantName: '周八',
        applicantIdNumber: '330102198001010013',
        applicantKey: `key-${id}`,
        verificationCode: `12345${id}`,
        status: 'APPROVED',
        submittedAt: at,
        receivedAt: at,
        acceptedAt: at,
        deadline: new Date(at.getTime() + 15 * 86_400_000),
        concludedAt: new Date(at.getTime() + 86_400_000),
        workingDaysToConclude: 1,
      };
    };
    const rows = ['000140003000', '000140005000', '000140001000'].map((code, i) => decided(i + 1, code));
    bulkInsert(file, [{ table: 'Case', rows }]);
  }, 60_000);

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a restart over an older release's database corrects its items and materials, not its cases", async () => {
    // What an older release left: the old names, the filing as a promised item, one material gone, one renamed.
    withDb((db) => {
      db.prepare('UPDATE "Item" SET name = ?, legalBasis = ? WHERE code = ?').run(
        '建设工程消防设计审核',
        '《建设工程消防监督管理规定》（公安部令第106号）',
        '000140003000',
      );
      const filing =
        'UPDATE "Item" SET kind = ?, statutoryLimitDays = 15, committedLimitDays = 3, name = ? WHERE code = ?';
      db.prepare(filing).run('PROMISED', '建设工程竣工验收备案', '000140005000');
      const material = 'UPDATE "ItemMaterial" SET name = ? WHERE itemCode = ? AND position = 0';
      db.prepare(material).run('《消防设计审核申报表》', '000140003000');
      db.prepare('DELETE FROM "ItemMaterial" WHERE itemCode = ? AND position = 1').run('000140004000');
    }, false);
    const before = caseHistory();
    expect(before.cases.length).toBe(3);
    const untouched = storedMaterials('000140001000');

    const url = await start();
    for (const code of ['000140003000', '000140004000', '000140005000']) {
      const item = byCode(housingCatalog, code);
      expect(storedItem(code)).toMatchObject({
        name: item.name,
        kind: item.kind,
        implementingBody: item.implementingBody,
        legalBasis: item.legalBasis,
        statutoryLimitDays: item.statutoryLimitDays,
        committedLimitDays: item.committedLimitDays,
      });
      expect(storedMaterials(code).map((m) => m.name)).toEqual(item.materials.map((m) => m.name));
    }
    // An item that already agreed is not rewritten: its material rows keep their IDs.
    expect(storedMaterials('000140001000')).toEqual(untouched);
    expect(await itemName(url, '000140005000')).toMatchObject({
      name: '房屋建筑和市政基础设施工程竣工验收备案',
      kind: 'IMMEDIATE',
    });
    expect(caseHistory()).toEqual(before);
  }, 60_000);

  it('a running department answers a catalog changed under it; the next start puts it back', async () => {
    const url = running ? running.url : await start();
    const materialIds = storedMaterials('000140003000');
    withDb((db) => db.prepare('UPDATE "Item" SET name = ? WHERE code = ?').run('临时更名', '000140002000'), false);
    expect((await itemName(url, '000140002000'))?.name).toBe('临时更名');
    await stop();
    const again = await start();
    expect((await itemName(again, '000140002000'))?.name).toBe(byCode(housingCatalog, '000140002000').name);
    // A start with nothing to correct writes nothing.
    expect(storedMaterials('000140003000')).toEqual(materialIds);
  }, 60_000);
});
