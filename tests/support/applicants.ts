/**
 * Applicants as a window would register them: a person with a resident ID number (居民身份证号码,
 * GB 11643-1999) or an enterprise with a unified social credit code (统一社会信用代码, GB 32100-2015),
 * each with its check character computed, so the numbers are valid and not merely well formed.
 * The same name gives the same number, so a test that names its applicant meets the same one again.
 */

/** The applicant of a submission, as the lifecycle's ApplicantInput takes it. */
export interface Applicant {
  kind: 'PERSON' | 'ENTERPRISE';
  name: string;
  idNumber: string;
}

/** 杭州市上城区, the county's area code in the demo data. */
const AREA = '330102';

/** A small stable hash of a name: the sequence numbers below are derived from it. */
function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The 18th character of a resident ID number (ISO 7064 MOD 11-2). */
export function residentIdCheck(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * ID_WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

/**
 * A valid resident ID number: area code, birth date, a 3-digit sequence (odd for a man, even for a
 * woman; here from the name) and the check character.
 */
export function residentId(options: { born?: string; sequence?: number; area?: string } = {}): string {
  const born = (options.born ?? '1980-01-01').replaceAll('-', '');
  if (!/^\d{8}$/.test(born)) throw new Error(`not a birth date: ${options.born}`);
  const sequence = String((options.sequence ?? 1) % 1000).padStart(3, '0');
  const first17 = `${options.area ?? AREA}${born}${sequence}`;
  return first17 + residentIdCheck(first17);
}

/** The characters of a credit code: digits and capitals without I, O, S, V, Z. */
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of an organization code (组织机构代码, GB 11714-1997): letters count 10 to 35. */
function organizationCheck(first8: string): string {
  const sum = [...first8].reduce((total, char, i) => total + parseInt(char, 36) * ORGANIZATION_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The 18th character of a unified social credit code (GB 32100-2015). */
export function creditCodeCheck(first17: string): string {
  const sum = [...first17].reduce((total, char, i) => total + CREDIT_ALPHABET.indexOf(char) * CREDIT_WEIGHTS[i]!, 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * A valid unified social credit code of a company (registered by market regulation: 9, an
 * enterprise: 1): area code, an 8-digit organization code from `serial` with its check character
 * (X is in the credit code's alphabet), and the code's own check character.
 */
export function creditCode(options: { serial?: number; area?: string } = {}): string {
  const body = String((options.serial ?? 1) % 100_000_000).padStart(8, '0');
  const first17 = `91${options.area ?? AREA}${body}${organizationCheck(body)}`;
  return first17 + creditCodeCheck(first17);
}

/** A person; the same name (and birth date) always gives the same ID number. */
export function person(name = '李四', options: { born?: string; area?: string } = {}): Applicant {
  return { kind: 'PERSON', name, idNumber: residentId({ ...options, sequence: hash(name) }) };
}

/** An enterprise; the same name always gives the same credit code. */
export function enterprise(name = '临江恒通建设工程有限公司', options: { area?: string } = {}): Applicant {
  return { kind: 'ENTERPRISE', name, idNumber: creditCode({ ...options, serial: hash(name) }) };
}
