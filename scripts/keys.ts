/**
 * `npm run keys -- --out <directory>` makes an installation's own keys and secrets, once, for
 * NODE_ENV=production (which refuses the repository's development ones):
 *
 * - `gateway-signing-key.json`, `center-signing-key.json`: private EdDSA keys (readable by the
 *   owner only);
 * - `identity-keys.json`: their public halves, every subgraph's IDENTITY_KEYS;
 * - `onewindow.env`: the settings that use them, with the audit key and the applicant-ID secret.
 *   `set -a; . <directory>/onewindow.env; set +a` before `npm start` (which gives each of the
 *   gateway and the center its own signing key), or copy the lines into each service's settings.
 *
 * It never overwrites: AUDIT_KEY must stay the same for the audit records to verify, and
 * APPLICANT_ID_SECRET for applicants to keep their IDs.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { newInstallationKeys } from '../services/runtime/src/index.js';

const usage = 'usage: npm run keys -- --out <directory>';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const { values } = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.out) fail('--out is required: the directory to write the keys into.');
const directory = resolve(values.out);
// The paths go into a file that a shell sources: nothing a shell would expand or end early.
if (/["$`\\\n]/.test(directory)) fail(`The directory's path may not contain " $ \` \\ or a line break: ${directory}`);

const files = {
  gateway: resolve(directory, 'gateway-signing-key.json'),
  center: resolve(directory, 'center-signing-key.json'),
  trusted: resolve(directory, 'identity-keys.json'),
  settings: resolve(directory, 'onewindow.env'),
};
const existing = Object.values(files).filter((file) => existsSync(file));
if (existing.length)
  fail(
    `Not overwriting ${existing.join(', ')}: an installation keeps its keys (move them away first to replace them).`,
  );

const made = new Date().toISOString().slice(0, 10);
const keys = await newInstallationKeys(made);
mkdirSync(directory, { recursive: true, mode: 0o700 });
const write = (file: string, text: string, mode: number) => {
  writeFileSync(file, text, { mode, flag: 'wx' });
  chmodSync(file, mode); // the umask may have narrowed or widened what `mode` asked for
};
write(files.gateway, `${JSON.stringify(keys.gateway, null, 2)}\n`, 0o600);
write(files.center, `${JSON.stringify(keys.center, null, 2)}\n`, 0o600);
write(files.trusted, `${JSON.stringify(keys.trusted, null, 2)}\n`, 0o644);
write(
  files.settings,
  [
    `# onewindow's keys and secrets, made ${made} by npm run keys. Keep private; back up with the databases.`,
    '# Every service:',
    `IDENTITY_KEYS="${files.trusted}"`,
    `AUDIT_KEY="${keys.auditKey}"`,
    `APPLICANT_ID_SECRET="${keys.applicantIdSecret}"`,
    '# npm start gives each its own as IDENTITY_SIGNING_KEY; run alone, set IDENTITY_SIGNING_KEY to it:',
    `GATEWAY_IDENTITY_SIGNING_KEY="${files.gateway}"`,
    `CENTER_IDENTITY_SIGNING_KEY="${files.center}"`,
    '',
  ].join('\n'),
  0o600,
);
process.stdout.write(
  `Wrote ${Object.values(files).join(', ')}.\n` +
    `Start with them: set -a; . "${files.settings}"; set +a; NODE_ENV=production npm start\n`,
);
