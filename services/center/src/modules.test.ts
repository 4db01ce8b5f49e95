import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Kind, parse, type DocumentNode } from 'graphql';
import { centerModules } from '@onewindow/schema';
import type { CalendarYearStatus } from '@onewindow/kit';
import { NOTIFICATION_KINDS } from './feed/notices.js';
import { JOINT_KINDS } from './joint/limit.js';
import { JOINT_STATUSES } from './joint/status.js';
import { DISPATCH_STATES } from './joint/types.js';
import { moduleResolvers } from './modules.js';
import { COMPLAINT_CHANNELS, COMPLAINT_SUBJECTS } from './quality/complaint-kinds.js';
import { DUE_STEPS, FOLLOW_UP_SOURCES, FOLLOW_UP_STAGES } from './quality/follow-ups.js';
import { GRADES } from './quality/grades.js';
import { STAFF_ROLES, WINDOW_KINDS } from './windows/hall.js';

const moduleSdl = (module: string): DocumentNode =>
  parse(readFileSync(new URL(`./${module}/${module}.graphql`, import.meta.url), 'utf8'));

/** The fields a document adds to a root type. */
function rootFields(document: DocumentNode, root: 'Query' | 'Mutation'): string[] {
  return document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_EXTENSION || d.kind === Kind.OBJECT_TYPE_DEFINITION) && d.name.value === root
      ? (d.fields ?? []).map((f) => f.name.value)
      : [],
  );
}

describe("the center's modules", () => {
  it('are the modules whose SDL the schema joins, each with its resolvers', () => {
    expect(Object.keys(moduleResolvers)).toEqual([...centerModules]);
  });

  it('resolve exactly the root fields their own SDL declares', () => {
    for (const module of centerModules) {
      const resolvers = moduleResolvers[module]!;
      for (const root of ['Query', 'Mutation'] as const) {
        expect(Object.keys(resolvers[root] ?? {}).sort(), `${module} ${root}`).toEqual(
          rootFields(moduleSdl(module), root).sort(),
        );
      }
    }
  });

  it('resolve only types their own SDL declares', () => {
    for (const module of centerModules) {
      const declared = moduleSdl(module).definitions.flatMap((d) =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION ? [d.name.value] : [],
      );
      const resolved = Object.keys(moduleResolvers[module]!).filter((type) => type !== 'Query' && type !== 'Mutation');
      expect(declared, module).toEqual(expect.arrayContaining(resolved));
    }
  });
});

/** The kit's calendar statuses, every one named (the type checks none is missing or extra). */
const calendarStatuses: Record<CalendarYearStatus, true> = { OFFICIAL: true, PROVISIONAL: true };

describe("the center's enums", () => {
  const enums = new Map(
    centerModules.flatMap((module) =>
      moduleSdl(module).definitions.flatMap((d) =>
        d.kind === Kind.ENUM_TYPE_DEFINITION
          ? [[d.name.value, (d.values ?? []).map((v) => v.name.value)] as const]
          : [],
      ),
    ),
  );

  it('have the values of the domain types codegen maps them to (enumValues), in the same order', () => {
    const domain: Record<string, readonly string[]> = {
      WindowKind: WINDOW_KINDS,
      StaffRole: STAFF_ROLES,
      NotificationKind: NOTIFICATION_KINDS,
      JointStatus: JOINT_STATUSES,
      DispatchState: DISPATCH_STATES,
      JointKind: JOINT_KINDS,
      ComplaintSubject: COMPLAINT_SUBJECTS,
      ComplaintChannel: COMPLAINT_CHANNELS,
      EvaluationGrade: GRADES,
      FollowUpSource: FOLLOW_UP_SOURCES,
      FollowUpStage: FOLLOW_UP_STAGES,
      FollowUpDeadline: DUE_STEPS,
      CalendarStatus: Object.keys(calendarStatuses),
    };
    expect([...enums.keys()].sort()).toEqual(Object.keys(domain).sort());
    for (const [name, values] of enums) expect(values, name).toEqual(domain[name]);
  });
});
