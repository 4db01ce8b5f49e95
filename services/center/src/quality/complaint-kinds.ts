import { storedValue } from '@onewindow/runtime';

/** What a complaint (效能投诉) is about: a department in general, one case, or a window of the hall. */
export const COMPLAINT_SUBJECTS = ['DEPARTMENT', 'CASE', 'WINDOW'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/** How a complaint reached the center: at a window, by phone (12345 hotline) or online. */
export const COMPLAINT_CHANNELS = ['WINDOW', 'PHONE', 'ONLINE'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const storedSubject = (value: string): ComplaintSubject =>
  storedValue(COMPLAINT_SUBJECTS, value, 'complaint subject');
export const storedChannel = (value: string): ComplaintChannel =>
  storedValue(COMPLAINT_CHANNELS, value, 'complaint channel');
