import { chinaDay, isRefusal, refusalNotice, workingDaysBetween } from '@onewindow/kit';

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

const OUTCOMES: Record<string, string> = {
  APPROVED: '已办结：准予许可。',
  WITHDRAWN: '已撤回。',
};

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

/**
 * What the applicant must be told about an event, in their language, or null when nothing:
 * a conclusion (a refusal with its reason, legal basis and remedies), a one-time notice with
 * every material to bring and where, an extension of the deadline, a special procedure.
 */
export function notificationFor(event: FeedEvent, departmentName: string): NotificationDraft | null {
  const subject = `您的申请（${event.case.number}，${event.case.item.name}）`;
  const { toStatus } = event.event;
  if (toStatus === 'SUPPLEMENT_REQUESTED') {
    return {
      kind: 'SUPPLEMENT_REQUESTED',
      message: `${subject}需补正材料。请一次性携带以下材料到${departmentName}窗口：${event.event.materials.join('、')}。`,
      materials: event.event.materials,
    };
  }
  if (event.event.action === 'extendDeadline' && event.event.deadlineBefore && event.event.deadlineAfter) {
    return { kind: 'DEADLINE_EXTENDED', message: extensionNotice(subject, event.event), materials: null };
  }
  if (event.event.action === 'suspend') {
    return { kind: 'SPECIAL_PROCEDURE', message: specialProcedureNotice(subject, event.event), materials: null };
  }
  if (isRefusal(toStatus)) {
    // Old events without a legal basis still get their outcome; refusals since carry both (否定报备).
    const text =
      event.event.reason && event.event.legalBasis
        ? refusalNotice({ status: toStatus, reason: event.event.reason, legalBasis: event.event.legalBasis })
        : `${toStatus === 'DENIED' ? '不予许可' : '不予受理'}。`;
    return { kind: 'CONCLUDED', message: `${subject}：${text}`, materials: null };
  }
  const outcome = OUTCOMES[toStatus];
  if (!outcome) return null;
  const reason = event.event.reason ? `理由：${event.event.reason}` : '';
  return { kind: 'CONCLUDED', message: `${subject}${outcome}${reason}`, materials: null };
}
