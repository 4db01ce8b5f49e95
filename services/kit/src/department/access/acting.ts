import { actingPerson, applicantGlobalId, applicantIdOf, type Identity } from '@onewindow/runtime';
import { applicantIdNumberOf } from './caller.js';

/**
 * Who a write is recorded as. An event names the verified caller as `role:sub` (officer:…,
 * window:…), a service by its own name (`service:center`), the §32 sweep as `system`, and an
 * applicant by their opaque `Applicant.id`: an event never holds an ID number.
 */
export interface ActingPerson {
  /** Whose idempotency keys a write uses: another caller's identical key is another request. */
  owner: string;
  /** What the event records as its actor, given the applicant key of the case acted on. */
  eventActor: (caseApplicantKey: string) => string;
  /** The audit record's actor and role: the verified subject. */
  audit: { actor: string; role: string };
}

/** The §32 deemed-acceptance sweep and other steps the department takes by itself. */
export const SYSTEM: ActingPerson = {
  owner: 'system',
  eventActor: () => 'system',
  audit: { actor: 'system', role: 'system' },
};

/** The acting person of a verified caller. */
export function actingCaller(caller: Identity, applicantSecret: string): ActingPerson {
  const audit = { actor: caller.sub, role: caller.role };
  if (caller.role === 'applicant') {
    // The opaque ID of the person the sub names; the key is an HMAC, so the owner holds no ID number.
    const owner = applicantIdOf(applicantIdNumberOf(caller), applicantSecret);
    return {
      owner,
      // Only ever the caller's own case (checkCaseWrite, checkSubmitter): its key is theirs.
      eventActor: (caseApplicantKey) => applicantGlobalId(caseApplicantKey),
      audit,
    };
  }
  const person = caller.role === 'service' ? caller.sub : actingPerson(caller);
  return { owner: person, eventActor: () => person, audit };
}
