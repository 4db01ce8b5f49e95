import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { PAGE_SECURITY_HEADERS } from './static-files.js';

/** The analysts' common questions, each a tab GraphiQL opens with (until the person saves their own). */
const EXAMPLE_QUERIES = [
  `# 各部门本月办件量、办结量和按期办结率
query MonthByDepartment($from: DateTime!) {
  caseStats(filter: { submittedFrom: $from }, groupBy: [DEPARTMENT]) {
    rows { department count concluded onTime onTimeRate overdue decidedAtWindow }
    incompleteDepartments
  }
}`,
  `# 红牌、黄牌办件，期限最近的在前
query RedAndYellowCards {
  cases(filter: { supervisionLevels: [RED, YELLOW] }, orderBy: { field: DEADLINE, direction: ASC }, first: 50) {
    totalCount
    edges { node { id number statusLabel supervisionLevelLabel deadline remainingWorkingDays department { name } item { name } } }
    incompleteDepartments
  }
}`,
  `# 各月办件趋势
query MonthlyTrend {
  caseStats(groupBy: [MONTH]) { rows { month count concluded onTimeRate averageWorkingDaysToConclude } }
}`,
  `# 事项目录：可网办的事项
query OnlineItems {
  items(filter: { onlineAvailable: true }, first: 100) {
    totalCount
    edges { node { code name department { name } committedLimitDays maxVisits } }
  }
}`,
];

/** Where the web front keeps the signed-in person's token (web/src/api/session.ts). */
const TOKEN_KEY = 'onewindow.token';
/** A placeholder GraphiQL's options carry until the page replaces it with the token from the browser. */
const HEADERS_PLACEHOLDER = '"__onewindow_headers__"';

/**
 * GraphiQL at /graphiql for analysts: one self-contained page (no CDN), with the signed-in
 * person's token from the web front already in its headers and the common questions as tabs.
 * The token never passes through the server: the page reads it from the browser's storage.
 */
export function graphiqlPage(): (request: IncomingMessage, response: ServerResponse) => void {
  const rendered = renderGraphiQL({
    title: 'onewindow GraphiQL · 数据查询',
    endpoint: '/graphql',
    defaultTabs: EXAMPLE_QUERIES.map((query) => ({ query })),
    headers: HEADERS_PLACEHOLDER,
    shouldPersistHeaders: false,
  });
  const fromStorage =
    `(function(){try{var t=localStorage.getItem(${JSON.stringify(TOKEN_KEY)});` +
    `return JSON.stringify(t?{Authorization:'Bearer '+t}:{},null,2)}catch(e){return '{}'}})()`;
  // GraphiQL's options are rendered as JSON; the headers become an expression evaluated in the page.
  const html = rendered
    .replace(JSON.stringify(HEADERS_PLACEHOLDER), fromStorage)
    .replace('<html lang="en">', '<html lang="zh-CN">');
  if (html === rendered) throw new Error('GraphiQL page: the headers placeholder was not found to replace');
  return (request, response) => {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      ...PAGE_SECURITY_HEADERS,
      // GraphiQL's page is one inline script, and its editor runs in workers made from blobs.
      'content-security-policy': PAGE_SECURITY_HEADERS['content-security-policy']
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:")
        .concat("; worker-src 'self' blob:"),
    });
    response.end(request.method === 'HEAD' ? undefined : html);
  };
}
