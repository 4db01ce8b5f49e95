import { chinaDay, isRefusal, noticeOf, refusalNotice, workingDaysBetween } from '@onewindow/kit';

/**
 * A case event as the center reads it from a department's change feed (feed/follower.department.graphql
 * asks for these fields; codegen's type of its answer must stay assignable to this).
 */
export interface FeedEvent {
  cursor: string;
  event: {
    seq: number;
    action: string;
    at: string;
    toStatus: string;
    materials: string[];
    reason: string | null;
    legalBasis: string | null;
    /** A suspension's special procedure, in Chinese (听证, 检测, …). */
    procedureLabel: string | null;
    expectedEnd: string | null;
    /** Working days the procedure is expected to need, as the department counts them. */
    expectedWorkingDays: number | null;
    deadlineBefore: string | null;
    deadlineAfter: string | null;
  };
  case: {
    id: string;
    number: string;
    deadline: string | null;
    applicant: { id: string };
    item: { name: string };
    /** The center's joint application the case is a part of (`center:J3`), if any. */
    jointApplication: { id: string } | null;
  };
}

export interface NotificationDraft {
  kind: 'CONCLUDED' | 'SUPPLEMENT_REQUESTED' | 'DEADLINE_EXTENDED' | 'SPECIAL_PROCEDURE';
  message: string;
  materials: string[] | null;
}

/** Drops the trailing full stop of what staff typed, so a sentence built around it has one. */
const clause = (text: string) => text.trim().replace(/[。．.]+$/u, '');

/**
 * 行政许可法 §42: the applicant is told the new deadline and why. The working days added are
 * counted between the two deadlines on the calendar in force.
 */
function extensionNotice(subject: string, event: FeedEvent['event']): string {
  const before = new Date(event.deadlineBefore!);
  const after = new Date(event.deadlineAfter!);
  return (
    `${subject}经本机关负责人批准，办理期限延长${workingDaysBetween(before, after)}个工作日，` +
    `由${chinaDay(before)}延至${chinaDay(after)}。延期理由：${clause(event.reason ?? '')}。`
  );
}

/**
 * 行政许可法 §45: the applicant is told in writing which procedure is needed and how long it is
 * expected to take; that time does not count toward the limit. A procedure outside §45 names
 * the law or regulation that allows it.
 */
function specialProcedureNotice(subject: string, event: FeedEvent['event']): string {
  const basis = event.legalBasis ? `依据${clause(event.legalBasis)}` : '依据《中华人民共和国行政许可法》第四十五条';
  const reason = event.reason ? `（${clause(event.reason)}）` : '';
  const time = event.expectedEnd
    ? `预计需要${event.expectedWorkingDays ?? '若干'}个工作日，至${chinaDay(new Date(event.expectedEnd))}结束`
    : '所需时间另行告知';
  return `${subject}需进行${event.procedureLabel ?? '特别程序'}${reason}，${basis}，所需时间不计入办理期限，${time}。`;
}

/** The outcome a conclusion that is not a refusal tells, by the status it ends in. */
const OUTCOMES: Record<string, string> = {
  APPROVED: '已办结：准予许可。',
  WITHDRAWN: '已撤回。',
};

/** A conclusion: a refusal with its reason, legal basis and remedies (§38), or the outcome. */
function conclusionNotice(subject: string, event: FeedEvent['event']): string | null {
  if (isRefusal(event.toStatus)) {
    // Refusals carry a reason and a legal basis (否定报备); one without them still gets its outcome.
    const text =
      event.reason && event.legalBasis
        ? refusalNotice({ status: event.toStatus, reason: event.reason, legalBasis: event.legalBasis })
        : `${event.toStatus === 'DENIED' ? '不予许可' : '不予受理'}。`;
    return `${subject}：${text}`;
  }
  const outcome = OUTCOMES[event.toStatus];
  return outcome ? `${subject}${outcome}${event.reason ? `理由：${event.reason}` : ''}` : null;
}

/**
 * What the applicant must be told about an event, in their language, or null when nothing.
 * Whether a transition tells the applicant anything, and which kind of notice, is the lifecycle
 * table's (`noticeOf`, services/kit); the center writes the text from the event.
 */
export function notificationFor(event: FeedEvent, departmentName: string): NotificationDraft | null {
  const notice = noticeOf(event.event.action);
  if (!notice) return null;
  const subject = `您的申请（${event.case.number}，${event.case.item.name}）`;
  const { kind } = notice;
  switch (kind) {
    case 'SUPPLEMENT_REQUESTED': {
      const { materials } = event.event;
      const message = `${subject}需补正材料。请一次性携带以下材料到${departmentName}窗口：${materials.join('、')}。`;
      return { kind, message, materials };
    }
    case 'DEADLINE_EXTENDED':
      if (!event.event.deadlineBefore || !event.event.deadlineAfter) return null;
      return { kind, message: extensionNotice(subject, event.event), materials: null };
    case 'SPECIAL_PROCEDURE':
      return { kind, message: specialProcedureNotice(subject, event.event), materials: null };
    case 'CONCLUDED': {
      const message = conclusionNotice(subject, event.event);
      return message ? { kind, message, materials: null } : null;
    }
  }
}
