/**
 * The web front in a real browser (Debian's Chromium through playwright-core), against the real
 * federation: every page is served by the gateway, and every number the pages show is compared
 * with what the API answers for the same question. Screenshots go to test-output/screenshots.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { departments } from '../schema/src/index.js';
import { OPEN_STATUSES } from '../services/kit/src/index.js';
import { residentId } from './support/applicants.js';
import { chromiumInstalled, pickOption, startBrowser, type TestBrowser } from './support/browser.js';
import { ANALYST, AUDITOR, SUPERVISOR, headersFor } from './support/callers.js';
import { SUBGRAPHS, startFederation, type Federation } from './support/federation.js';
import { query } from './support/graphql.js';
import { userToken } from './support/identity.js';
import { openDepartmentDatabase } from './support/department-database.js';

let federation: Federation;
let browser: TestBrowser;
let origin: string;
let graphql: string;

beforeAll(async () => {
  if (!chromiumInstalled) throw new Error('Chromium is not installed: apt-get install -y chromium (.ci/run does it).');
  // The pages are compared with the API's answers: on a loaded CI machine the hub's 2 s wait for a
  // department could leave a cell "—" on one and not the other. A stopped department (below) is
  // refused at once whatever the wait.
  federation = await startFederation({ services: [...SUBGRAPHS, 'gateway'], env: { DEPARTMENT_TIMEOUT_MS: '10000' } });
  origin = federation.gateway.baseUrl;
  graphql = federation.gateway.url;
  browser = await startBrowser(origin);
});

afterAll(async () => {
  await browser?.close();
  await federation?.stop();
});

const CHINA_OFFSET_MS = 8 * 3_600_000;
const chinaDayStart = (at: Date) =>
  new Date(
    Date.parse(`${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)}T00:00:00Z`) - CHINA_OFFSET_MS,
  );
const chinaMonthStart = (at: Date) =>
  new Date(
    Date.parse(`${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7)}-01T00:00:00Z`) - CHINA_OFFSET_MS,
  );

/** Signs in through the development sign-in page, as a person would. */
async function signIn(page: Page, roleLabel: string, extra?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.evaluate(() => localStorage.removeItem('onewindow.token'));
  await page.goto(`${origin}/login`);
  await pickOption(page, '[data-test=role]', roleLabel);
  await extra?.(page);
  await page.click('[data-test=sign-in]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The text of one cell of the overview's table: the department's row, the column's data-col. */
const overviewCell = (page: Page, department: string, column: string) =>
  page
    .locator('[data-test=overview-table] tr', { has: page.locator(`[data-department="${department}"]`) })
    .locator(`[data-col="${column}"]`)
    .innerText();

const asCount = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');

describe('the web front', () => {
  it('serves the public pages from the gateway, in Chinese, with nothing loaded from elsewhere', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/guide`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.waitForSelector('[data-test=guide-items] .el-collapse-item');
    expect(await page.locator('h1').innerText()).toBe('办事指南');
    const items = await query<{ items: { totalCount: number } }>(graphql, '{ items(first: 1) { totalCount } }');
    expect(await page.locator('[data-test=guide-items] .el-collapse-item').count()).toBe(
      Math.min(50, items.items.totalCount),
    );
    // A page reloaded at its own address is still the page (the router draws it), not a 404.
    const track = await page.goto(`${origin}/track`);
    expect(track?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('办件查询');
    await browser.screenshot(page, 'public-guide');
    expect(browser.outside).toEqual([]);
    await page.close();
  });

  it("shows a supervisor the overview with the API's numbers, and draws its charts", async () => {
    const page = await browser.newPage();
    await signIn(page, '效能监察');
    await page.waitForURL('**/overview');
    await page.waitForSelector('[data-test=overview-table] [data-col=open]');

    const now = new Date();
    const stats = (filter: Record<string, string>) =>
      `caseStats(filter: ${JSON.stringify(filter).replace(/"(\w+)":/g, '$1:')}, groupBy: [DEPARTMENT]) { rows { department count decided onTimeRate decidedAtWindow } incompleteDepartments }`;
    const today = chinaDayStart(now).toISOString();
    const month = chinaMonthStart(now).toISOString();
    type Row = {
      department: string;
      count: number;
      decided: number;
      onTimeRate: number | null;
      decidedAtWindow: number;
    };
    const api = await query<{
      departments: { code: string; name: string; openCases: number; overdueCases: number }[];
      todayIn: { rows: Row[] };
      todayOut: { rows: Row[] };
      monthIn: { rows: Row[] };
      monthOut: { rows: Row[] };
    }>(
      graphql,
      `{ departments { code name openCases overdueCases }
         todayIn: ${stats({ submittedFrom: today })} todayOut: ${stats({ concludedFrom: today })}
         monthIn: ${stats({ submittedFrom: month })} monthOut: ${stats({ concludedFrom: month })} }`,
      {},
      await headersFor(SUPERVISOR),
    );
    expect(api.departments.map((d) => d.code)).toEqual(departments.map((d) => d.code));
    const countOf = (rows: Row[], code: string) => rows.find((r) => r.department === code)?.count ?? 0;
    for (const d of api.departments) {
      expect(await overviewCell(page, d.code, 'open')).toBe(asCount(d.openCases));
      expect(await overviewCell(page, d.code, 'overdue')).toBe(asCount(d.overdueCases));
      expect(await overviewCell(page, d.code, 'todayReceived')).toBe(asCount(countOf(api.todayIn.rows, d.code)));
      expect(await overviewCell(page, d.code, 'todayConcluded')).toBe(asCount(countOf(api.todayOut.rows, d.code)));
      expect(await overviewCell(page, d.code, 'monthReceived')).toBe(asCount(countOf(api.monthIn.rows, d.code)));
      expect(await overviewCell(page, d.code, 'monthConcluded')).toBe(asCount(countOf(api.monthOut.rows, d.code)));
      const concluded = api.monthOut.rows.find((r) => r.department === d.code);
      const rate = concluded?.onTimeRate;
      expect(await overviewCell(page, d.code, 'onTimeRate')).toBe(
        rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`,
      );
      const windowRate = concluded && concluded.decided ? concluded.decidedAtWindow / concluded.decided : null;
      expect(await overviewCell(page, d.code, 'windowDecisionRate')).toBe(
        windowRate === null ? '—' : `${(windowRate * 100).toFixed(1)}%`,
      );
    }
    const totalOverdue = api.departments.reduce((sum, d) => sum + d.overdueCases, 0);
    expect(await page.locator('[data-test=kpi-overdue] .value').innerText()).toBe(asCount(totalOverdue));

    // Both charts are drawn (a canvas with pixels), and describe their data to screen readers.
    for (const chart of ['trend', 'departments']) {
      const box = page.locator(`[data-chart=${chart}]`);
      await box.locator('canvas').first().waitFor();
      const label = (await box.getAttribute('aria-label')) ?? '';
      for (const d of api.departments) expect(label).toContain(d.name);
      const inked = await box
        .locator('canvas')
        .first()
        .evaluate((canvas: HTMLCanvasElement) => {
          const context = canvas.getContext('2d')!;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
          return painted;
        });
      expect(inked).toBeGreaterThan(1000);
    }
    const departmentChart = (await page.locator('[data-chart=departments]').getAttribute('aria-label')) ?? '';
    for (const d of api.departments)
      expect(departmentChart).toContain(
        `${d.name} 受理量 ${countOf(api.monthIn.rows, d.code)}，办结量 ${countOf(api.monthOut.rows, d.code)}`,
      );
    // At 1366×768 the page needs no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await browser.screenshot(page, 'supervisor-overview');

    // The wall screen (大屏) view of the same overview.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${origin}/wall`);
    await page.waitForSelector('[data-test=overview-table] [data-col=open]');
    expect(await page.locator('h1').innerText()).toBe('行政服务中心效能监察大屏');
    await browser.screenshot(page, 'supervisor-wall');
    await page.setViewportSize({ width: 1366, height: 768 });

    // The language switch: English labels, and back to Chinese; the choice survives a reload.
    await page.goto(`${origin}/overview`);
    await page.click('[data-test=language]');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Overview');
    await page.reload();
    await page.waitForSelector('[data-test=overview-table] [data-col=open]');
    expect(await page.locator('h1').innerText()).toBe('Overview');
    expect(await page.locator('.el-menu').innerText()).toContain('Deadline alerts');
    await browser.screenshot(page, 'supervisor-overview-english');
    await page.click('[data-test=language]');
    await expect.poll(() => page.locator('h1').innerText()).toBe('总览');
    expect(browser.outside).toEqual([]);
    await page.close();
  });

  it("takes a supervisor from the red-card list to the case's timeline", async () => {
    // An open case past its deadline (the demo's open cases may all still be in time): a red card to chase.
    const db = openDepartmentDatabase(federation.dataDir, 'market');
    try {
      const lateSql = `UPDATE "Case" SET "deadline" = ? WHERE "id" = (SELECT "id" FROM "Case"
        WHERE "status" IN ('ACCEPTED', 'IN_REVIEW') AND "suspendedAt" IS NULL ORDER BY "id" LIMIT 1)`;
      expect(await db.run(lateSql, ['2026-01-05T09:59:59.999+00:00'])).toBe(1);
    } finally {
      await db.close();
    }
    const red = await query<{
      cases: { totalCount: number; edges: { node: { id: string; number: string; events: unknown[] } }[] };
    }>(
      graphql,
      `{ cases(filter: { supervisionLevels: [RED], statuses: [${OPEN_STATUSES.join(', ')}] }, orderBy: { field: DEADLINE, direction: ASC }, first: 1) { totalCount edges { node { id number events { seq } } } } }`,
      {},
      await headersFor(SUPERVISOR),
    );
    expect(red.cases.totalCount).toBeGreaterThan(0); // the demo data has open red cards
    const page = await browser.newPage();
    await signIn(page, '效能监察');
    await page.goto(`${origin}/warnings`);
    await page.waitForSelector('[data-test=warnings-table] [data-test=case-link]');
    // Red cards only: the yellow and warning levels unticked.
    await page.click('label[data-level=YELLOW]');
    await page.click('label[data-level=WARNING]');
    await expect.poll(() => page.locator('[data-test=total]').innerText()).toBe(`共 ${red.cases.totalCount} 件`);
    const levels = await page
      .locator('[data-test=warnings-table] .el-tag[data-level]')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-level')));
    expect(new Set(levels)).toEqual(new Set(['RED']));
    const first = red.cases.edges[0]!.node;
    await page.locator('[data-test=case-link]', { hasText: first.number }).click();
    await page.waitForURL(`**/cases/${encodeURIComponent(first.id)}`);
    await page.waitForSelector('[data-test=timeline] .el-timeline-item');
    expect(await page.locator('[data-test=case-number]').innerText()).toContain(first.number);
    expect(await page.locator('[data-test=case-level]').innerText()).toBe('红牌');
    expect(await page.locator('[data-test=timeline] .el-timeline-item').count()).toBe(first.events.length);
    await browser.screenshot(page, 'supervisor-red-card-timeline');
    // Back to the list, and a reload of it: still red cards only.
    await page.goBack();
    await expect.poll(() => page.locator('[data-test=total]').innerText()).toBe(`共 ${red.cases.totalCount} 件`);
    await page.reload();
    await expect.poll(() => page.locator('[data-test=total]').innerText()).toBe(`共 ${red.cases.totalCount} 件`);
    await page.close();
  });

  it("shows an auditor the gateway's and a department's audit records as the API has them, and no case pages", async () => {
    // A supervisor's read of a case with names: the department records it (read:personal).
    await query(
      graphql,
      '{ housing { cases(first: 3) { edges { node { id applicant { name } } } } } }',
      {},
      await headersFor(SUPERVISOR),
    );
    const page = await browser.newPage();
    await signIn(page, '审计');
    await page.waitForURL('**/audit-log');
    // The menu offers the records, and none of the case pages the auditor may not read.
    const menu = await page.locator('.menu-bar .el-menu-item').allInnerTexts();
    expect(menu).toContain('审计记录');
    expect(menu).not.toContain('超期预警');
    // Loaded as a page of its own too (a bookmark, a reload), not only through the menu.
    await page.reload();
    await page.waitForSelector('[data-test=audit-table] [data-test=audit-seq]');
    // The gateway's trail from its start, as GET /audit answers the auditor.
    const gateway = (await (
      await fetch(`${origin}/audit?after=0&first=50`, {
        headers: { authorization: `Bearer ${await userToken(AUDITOR)}` },
      })
    ).json()) as { records: { seq: number; action: string }[] };
    const shownSeqs = async () =>
      (await page.locator('[data-test=audit-table] [data-test=audit-seq]').allInnerTexts()).map(Number);
    expect((await shownSeqs()).slice(0, 10)).toEqual(gateway.records.slice(0, 10).map((r) => r.seq));
    // Housing's own trail, compared with the API's, record by record.
    await pickOption(page, '[data-test=audit-source]', '住房和城乡建设局');
    const shownActions = () => page.locator('[data-test=audit-table] [data-test=audit-action]').allInnerTexts();
    await expect.poll(async () => (await shownActions())[0]).toBe('read:personal');
    const housing = await query<{ housing: { auditRecords: { seq: number; action: string }[] } }>(
      graphql,
      '{ housing { auditRecords(after: 0, first: 50) { seq action } } }',
      {},
      await headersFor(AUDITOR),
    );
    const records = housing.housing.auditRecords;
    expect(records.map((r) => r.action)).toContain('read:personal');
    // The page's own read is recorded within moments (reads are written in batches), so the API
    // may already hold it: the page shows the API's records up to the moment it read them.
    const shown = await shownSeqs();
    expect(records.slice(0, shown.length).map((r) => r.seq)).toEqual(shown);
    expect(await shownActions()).toEqual(records.slice(0, shown.length).map((r) => r.action));
    expect(records.slice(shown.length).every((r) => r.action === 'read:audit')).toBe(true);
    await browser.screenshot(page, 'auditor-records');
    // A slow answer for a source left behind never lands under the one picked since.
    await page.route('**/audit?*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await pickOption(page, '[data-test=audit-source]', '网关（全部操作）');
    await pickOption(page, '[data-test=audit-source]', '住房和城乡建设局');
    // Housing's records (each reading of them is recorded too, so they grow), never the gateway's operations.
    const housingShown = async () => {
      const actions = await shownActions();
      return actions[0] === 'read:personal' && actions.every((action) => !action.startsWith('operation'));
    };
    await expect.poll(housingShown).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await housingShown()).toBe(true);
    await page.unroute('**/audit?*');
    // An emptied position box reads from the start, for the gateway as for a department.
    await pickOption(page, '[data-test=audit-source]', '网关（全部操作）');
    await page.locator('[data-test=audit-from] input').fill('');
    await page.click('[data-test=audit-load]');
    await expect.poll(async () => (await shownSeqs())[0]).toBe(1);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    // A case page is not the auditor's: the router sends them back to the records.
    await page.goto(`${origin}/warnings`);
    await page.waitForURL('**/audit-log');
    await page.close();
  });

  it('at the window desk, submits a case, prints its receipt, and the public finds it with the printed code', async () => {
    const item = (
      await query<{
        items: {
          edges: {
            node: { id: string; name: string; kind: string; materials: { name: string; required: boolean }[] };
          }[];
        };
      }>(
        graphql,
        '{ items(filter: { departments: ["market"] }, first: 100) { edges { node { id name kind materials { name required } } } } }',
      )
    ).items.edges
      .map((e) => e.node)
      .find((i) => i.kind !== 'JOINT' && i.materials.some((m) => m.required));
    expect(item).toBeDefined();
    const page = await browser.newPage();
    await page.addInitScript(() => {
      // Printing opens a dialog a headless browser cannot show: record that the page asked for it.
      window.print = () => {
        (window as unknown as { printed: number }).printed =
          ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      };
    });
    await signIn(page, '综合窗口');
    await page.waitForURL('**/desk');
    await page.fill('[data-test=applicant-name]', '王小明');
    await page.fill('[data-test=applicant-id]', residentId({ sequence: 417 }));
    await page.click('[data-test=item]');
    await page.keyboard.type(item!.name);
    await page
      .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: item!.name })
      .first()
      .click();
    // Until every required material is ticked, the case cannot be submitted, only the one-time notice printed.
    await page.waitForSelector('[data-test=materials]');
    expect(await page.locator('[data-test=submit]').isDisabled()).toBe(true);
    await page.click('[data-test=print-notice]');
    await page.emulateMedia({ media: 'print' });
    const notice = await page.locator('[data-test=notice]').innerText();
    for (const m of item!.materials.filter((m) => m.required)) expect(notice).toContain(m.name);
    await browser.screenshot(page, 'window-one-time-notice-print');
    await page.emulateMedia({ media: 'screen' });
    for (const box of await page.locator('[data-test=materials] .el-checkbox[data-required=true]').all())
      await box.click();
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-test=receipt]');
    const number = await page.locator('[data-test=receipt-number]').innerText();
    const code = await page.locator('[data-test=receipt-code]').innerText();
    expect(number).toMatch(/\S/);
    expect(code).toMatch(/^\S+$/);
    expect(code).not.toBe('—');
    expect(await page.locator('[data-test=receipt-status]').innerText()).toBe('待受理');

    await page.click('[data-test=print-receipt]');
    expect(await page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.el-header').isVisible()).toBe(false);
    expect(await page.locator('[data-test=print-receipt]').isVisible()).toBe(false);
    expect(await page.locator('[data-test=receipt]').innerText()).toContain(number);
    await browser.screenshot(page, 'window-receipt-print');
    await page.emulateMedia({ media: 'screen' });

    // The public: no sign-in, the number and the code from the receipt, typed and sent with Enter.
    await page.evaluate(() => localStorage.removeItem('onewindow.token'));
    await page.goto(`${origin}/track`);
    await page.fill('[data-test=track-number]', number);
    await page.fill('[data-test=track-code]', code);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-test=track-result]');
    expect(await page.locator('[data-test=track-result]').innerText()).toContain(number);
    expect(await page.locator('[data-test=track-status]').innerText()).toBe('待受理');
    await browser.screenshot(page, 'public-track');
    // A wrong code finds nothing, in words a person understands.
    await page.fill('[data-test=track-code]', `${code}x`);
    await page.click('[data-test=track-submit]');
    await expect.poll(() => page.locator('[data-test=track-error]').innerText()).toContain('未找到该办件');
    expect(browser.outside).toEqual([]);
    await page.close();
  });

  it('lets a chief representative decide authorized items at the window (当场办结): an immediate one, and a promised one', async () => {
    const catalog = (
      await query<{
        items: {
          edges: { node: { id: string; code: string; name: string; kind: string; windowAuthorized: boolean } }[];
        };
      }>(
        graphql,
        '{ items(filter: { departments: ["market"] }, first: 100) { edges { node { id code name kind windowAuthorized } } } }',
      )
    ).items.edges.map((e) => e.node);
    const immediate = catalog.find((i) => i.kind === 'IMMEDIATE' && i.windowAuthorized);
    const promised = catalog.find((i) => i.kind === 'PROMISED' && i.windowAuthorized);
    expect(immediate && promised).toBeTruthy();
    const page = await browser.newPage();
    await signIn(page, '首席代表', async (login) => {
      await pickOption(login, '[data-test=department]', '市场监督管理局');
      await login.fill('[data-test=items]', `${immediate!.code},${promised!.code}`);
    });
    await page.waitForURL('**/desk');
    const decidedNumbers: string[] = [];
    for (const [n, item] of [immediate!, promised!].entries()) {
      if (n > 0) await page.click('[data-test=next]');
      await page.fill('[data-test=applicant-name]', '赵六');
      await page.fill('[data-test=applicant-id]', residentId({ sequence: 418 + n }));
      await page.click('[data-test=item]');
      await page.keyboard.type(item.name);
      await page
        .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: item.name })
        .first()
        .click();
      await page.waitForSelector('[data-test=materials]');
      for (const box of await page.locator('[data-test=materials] .el-checkbox[data-required=true]').all())
        await box.click();
      await page.click('[data-test=submit]');
      await page.waitForSelector('[data-test=approve-on-spot]');
      decidedNumbers.push(await page.locator('[data-test=receipt-number]').innerText());
      await page.click('[data-test=approve-on-spot]');
      await expect.poll(() => page.locator('[data-test=receipt-status]').innerText()).toBe('准予许可');
      expect(await page.locator('[data-test=approve-on-spot]').count()).toBe(0);
    }
    // The department's own record says the same, decided at the window.
    const approved = await query<{ cases: { edges: { node: { number: string } }[] } }>(
      graphql,
      '{ cases(filter: { departments: ["market"], statuses: [APPROVED] }, first: 500) { edges { node { number } } } }',
      {},
      await headersFor(SUPERVISOR),
    );
    for (const number of decidedNumbers) expect(approved.cases.edges.map((e) => e.node.number)).toContain(number);
    await browser.screenshot(page, 'chief-decided-at-window');
    await page.close();
  });

  it("lets a supervisor generate the month's bulletin, supersede it, read either version, print it and take it as CSV", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.print = () => undefined;
    });
    await signIn(page, '效能监察');
    await page.goto(`${origin}/bulletin`);
    await page.getByRole('button', { name: '生成通报' }).click();
    await page.waitForSelector('[data-test=bulletin] .el-table__row');
    const month = new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 7);
    const api = async (version: number) =>
      (
        await query<{
          bulletin: { version: number; rows: { departmentName: string; received: number; rank: number }[] };
        }>(
          graphql,
          `{ bulletin(month: "${month}", version: ${version}) { version rows { departmentName received rank } } }`,
          {},
          await headersFor(SUPERVISOR),
        )
      ).bulletin;
    const first = await api(1);
    expect(await page.locator('[data-test=bulletin] .el-table__body .el-table__row').count()).toBe(first.rows.length);
    const shown = await page.locator('[data-test=bulletin]').innerText();
    for (const row of first.rows) expect(shown).toContain(row.departmentName);
    expect(shown).toContain('版本 1');

    // A new version; the first stays readable.
    await page.getByRole('button', { name: '重新生成（新版本）' }).click();
    await expect.poll(() => page.locator('[data-test=bulletin]').innerText()).toContain('版本 2');
    expect((await api(2)).version).toBe(2);
    await pickOption(page, '[data-test=bulletin-version]', '版本 1');
    await expect.poll(() => page.locator('[data-test=bulletin]').innerText()).toContain('版本 1');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.el-header').isVisible()).toBe(false);
    expect(await page.locator('[data-test=bulletin-csv]').isVisible()).toBe(false);
    await browser.screenshot(page, 'supervisor-bulletin-print');
    await page.emulateMedia({ media: 'screen' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=bulletin-csv]')]);
    expect(download.suggestedFilename()).toBe(`bulletin-${month}-v1.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(first.rows.length + 1);
    for (const row of first.rows)
      expect(lines.some((line) => line.includes(row.departmentName) && line.split(',')[0] === String(row.rank))).toBe(
        true,
      );
    await page.close();
  });

  it('passes an accessibility check (contrast, labels, keyboard) on every page, for the role that uses it', async () => {
    const axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
    const pages: [string, string | null, string][] = [
      ['/guide', null, '[data-test=guide-items] .el-collapse-item'],
      ['/track', null, '[data-test=track-number]'],
      ['/evaluate', null, '[data-test=evaluate-number]'],
      ['/login', null, '[data-test=sign-in]'],
      ['/overview', '效能监察', '[data-test=overview-table] [data-col=open]'],
      ['/warnings', '效能监察', '[data-test=warnings-table] [data-test=case-link]'],
      ['/joint', '效能监察', '[data-test=joint-table]'],
      ['/quality', '效能监察', '[data-test=rates-table]'],
      ['/bulletin', '效能监察', 'h1'],
      ['/status', '效能监察', '[data-test=status-table] [data-up]'],
      ['/desk', '综合窗口', '[data-test=applicant-name]'],
      ['/analyst', '数据分析', '[data-test=export-count]'],
      ['/audit-log', '审计', '[data-test=audit-table] [data-test=audit-seq]'],
    ];
    const page = await browser.newPage();
    let role: string | null = null;
    const problems: string[] = [];
    for (const [path, needed, ready] of pages) {
      if (needed && needed !== role) {
        await signIn(page, needed);
        role = needed;
      }
      await page.goto(`${origin}${path}`);
      await page.waitForSelector(ready);
      await page.waitForLoadState('networkidle');
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: object,
              ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${v.id}: ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(' | ')}`,
          );
      });
      problems.push(...violations.map((v) => `${path} ${v}`));
    }
    expect(problems).toEqual([]);
    // The keyboard alone: Tab reaches the tracking form's fields and Enter sends it.
    await page.goto(`${origin}/track`);
    await page.locator('[data-test=track-number]').focus();
    await page.keyboard.type('NO-SUCH-CASE');
    await page.keyboard.press('Tab');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-test=track-error]').innerText()).toContain('未找到该办件');
    await page.close();
  });

  it("lets an analyst download a CSV that keeps its Chinese and matches the API's count", async () => {
    const page = await browser.newPage();
    await signIn(page, '数据分析');
    await page.waitForURL('**/analyst');
    const api = await query<{ cases: { totalCount: number } }>(
      graphql,
      '{ cases(first: 1) { totalCount } }',
      {},
      await headersFor(ANALYST),
    );
    await expect
      .poll(() => page.locator('[data-test=export-count]').innerText())
      .toContain(String(api.cases.totalCount));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-cases]')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('办件编号');
    expect(lines.length - 1).toBe(api.cases.totalCount);
    expect(lines.slice(1).some((line) => /[\u4e00-\u9fff]/.test(line))).toBe(true);
    // GraphiQL is served here too, with the analyst's token already in its headers.
    const graphiql = await browser.newPage();
    await graphiql.goto(`${origin}/graphiql`);
    await graphiql.waitForSelector('.graphiql-container');
    await browser.screenshot(graphiql, 'analyst-graphiql');
    await graphiql.close();
    await browser.screenshot(page, 'analyst-export');
    expect(browser.outside).toEqual([]);
    await page.close();
  });

  it('signs out a person whose token expires or is refused, and brings them back to the page after signing in', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/login`);
    // A token that runs out while the page is open: the page notices without being asked.
    const shortLived = await userToken(SUPERVISOR, { expiresIn: '4s' });
    await page.evaluate((token) => localStorage.setItem('onewindow.token', token), shortLived);
    await page.goto(`${origin}/overview`);
    await page.waitForSelector('[data-test=who]');
    const atLogin = (next: string) => (url: URL) => url.pathname === '/login' && url.searchParams.get('next') === next;
    await page.waitForURL(atLogin('/overview'), { timeout: 30_000 });
    // A token the gateway refuses (signed by a key it does not trust), though its clock says valid:
    // the first refused request signs the person out.
    const forged = `${(await userToken(SUPERVISOR)).split('.').slice(0, 2).join('.')}.${'A'.repeat(86)}`;
    await page.evaluate((token) => localStorage.setItem('onewindow.token', token), forged);
    await page.goto(`${origin}/warnings`);
    await page.waitForURL(atLogin('/warnings'));
    expect(await page.evaluate(() => localStorage.getItem('onewindow.token'))).toBeNull();
    await pickOption(page, '[data-test=role]', '效能监察');
    await page.click('[data-test=sign-in]');
    await page.waitForURL('**/warnings');
    await page.close();
  });

  it('fits a phone (375 px): the whole menu shows, and no page scrolls sideways', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // The public's menu (signed out) shows whole; a staff menu may scroll within its own bar.
    await page.goto(`${origin}/login`);
    await page.evaluate(() => localStorage.removeItem('onewindow.token'));
    await page.goto(`${origin}/guide`);
    await page.waitForSelector('.el-menu-item');
    for (const item of await page.locator('.el-menu-item').all()) {
      const box = (await item.boundingBox())!;
      expect(box.x, await item.innerText()).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, await item.innerText()).toBeLessThanOrEqual(375);
    }
    expect(await sideways()).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'phone-guide');
    await signIn(page, '综合窗口');
    await page.goto(`${origin}/desk`);
    await page.waitForSelector('[data-test=desk-error], .columns');
    expect(await sideways()).toBeLessThanOrEqual(0);
    await browser.screenshot(page, 'phone-desk');
    await page.close();
  });

  it('names a department that stopped answering in a banner, and never shows its numbers as zero', async () => {
    const page = await browser.newPage();
    await signIn(page, '效能监察');
    await page.waitForSelector('[data-test=overview-table] [data-col=open]');
    expect(await page.locator('[data-test=unavailable-banner]').count()).toBe(0);
    expect(await page.locator('[data-test=kpi-partial]').count()).toBe(0);
    const tax = departments.find((d) => d.code === 'tax')!;
    await federation.stopService('tax');
    try {
      await page.reload();
      await page.waitForSelector('[data-test=unavailable-banner]');
      expect(await page.locator('[data-test=unavailable-banner]').innerText()).toContain(tax.name);
      for (const column of ['open', 'overdue', 'todayReceived', 'monthReceived', 'onTimeRate'])
        expect(await overviewCell(page, 'tax', column)).toBe('—');
      // The departments that answered keep their numbers.
      expect(await overviewCell(page, 'market', 'open')).toMatch(/^\d/);
      // The headline totals say they are without it, each of them.
      expect(await page.locator('[data-test=kpi-partial]').allInnerTexts()).toEqual(
        Array(5).fill('不含未响应的 1 个部门'),
      );
      await browser.screenshot(page, 'supervisor-department-down');
      // 部门状态 shows it down, from the gateway's own probe.
      await page.goto(`${origin}/status`);
      await expect.poll(() => page.locator('[data-service=tax]').getAttribute('data-up')).toBe('false');
      expect(await page.locator('[data-service=market]').getAttribute('data-up')).toBe('true');
      await browser.screenshot(page, 'supervisor-status');
    } finally {
      await federation.restartDepartment('tax');
    }
    expect(browser.pageErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await page.close();
  });
});
