/** The phone shows its last four digits only. */
export const maskPhone = (phone: string | null): string | null =>
  phone ? `${'*'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}` : null;

/**
 * A revisit's contact: a run of 7 or more digits (a phone number) shows its last four only; a
 * channel's name ("12345热线", "窗口当面") shows whole.
 */
export const maskContact = (contact: string | null): string | null =>
  contact?.replace(/\d[\d -]{5,}\d/g, (digits) => digits.replace(/\d(?=(?:[^\d]*\d){4})/g, '*')) ?? null;
