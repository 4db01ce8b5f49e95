/** A case event as the center reads it from a department's change feed. */
export interface FeedEvent {
  cursor: string;
  event: { seq: number; action: string; at: string; toStatus: string; materials: string[]; reason: string | null };
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
  kind: 'CONCLUDED' | 'SUPPLEMENT_REQUESTED';
  message: string;
  materials: string[] | null;
}

const OUTCOMES: Record<string, string> = {
  APPROVED: '已办结：准予许可。',
  DENIED: '已办结：不予许可。',
  NOT_ACCEPTED: '不予受理。',
  WITHDRAWN: '已撤回。',
};

/**
 * What the applicant must be told about an event, in their language, or null when nothing:
 * a conclusion, and a one-time notice with every material to bring and where.
 */
export function notificationFor(event: FeedEvent, departmentName: string): NotificationDraft | null {
  const subject = `您的申请（${event.case.number}，${event.case.item.name}）`;
  if (event.event.toStatus === 'SUPPLEMENT_REQUESTED') {
    return {
      kind: 'SUPPLEMENT_REQUESTED',
      message: `${subject}需补正材料。请一次性携带以下材料到${departmentName}窗口：${event.event.materials.join('、')}。`,
      materials: event.event.materials,
    };
  }
  const outcome = OUTCOMES[event.event.toStatus];
  if (!outcome) return null;
  const reason = event.event.reason ? `理由：${event.event.reason}` : '';
  return { kind: 'CONCLUDED', message: `${subject}${outcome}${reason}`, materials: null };
}
