/**
 * How personal values look to a caller who may see them only masked (analysts). Masking keeps
 * enough to tell records apart in an analysis and not enough to find the person.
 */

/** A name: its first character, then one `*` for each other character (张三丰 -> 张**). */
export function maskName(name: string): string {
  const characters = Array.from(name.trim());
  if (characters.length === 0) return '';
  return characters[0]! + '*'.repeat(characters.length - 1);
}

/**
 * An ID card number or credit code: the first `keepStart` and the last 4 characters stay (4 for
 * everyone's `Applicant.idNumberMasked`, 3 for analysts). Too short to keep both: all masked.
 */
export function maskIdNumber(idNumber: string, keepStart = 4): string {
  if (idNumber.length <= keepStart + 4) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, keepStart) + '*'.repeat(idNumber.length - keepStart - 4) + idNumber.slice(-4);
}

/** An ID number as an analyst sees it: the first 3 and last 4 characters (330***********0021). */
export const maskIdNumberForAnalyst = (idNumber: string): string => maskIdNumber(idNumber, 3);

/**
 * A phone number: digits other than the first 3 and the last 4 become `*` (138****5678); a
 * number with fewer than 8 digits keeps its last 2 only. Separators stay where they are.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  const [keepStart, keepEnd] = digits >= 8 ? [3, 4] : [0, 2];
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= keepStart || seen > digits - keepEnd ? digit : '*';
  });
}
