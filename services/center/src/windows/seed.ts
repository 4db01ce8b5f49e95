import { departments } from '@onewindow/schema';
import type { PrismaClient } from '../__generated__/prisma/client.js';
import { centerKey } from '../ids.js';
import type { StaffRole, WindowKind } from './hall.js';

const CLERKS = [
  '陈晓燕',
  '刘伟',
  '王静',
  '张敏',
  '李娜',
  '赵磊',
  '孙丽',
  '周强',
  '吴霞',
  '郑军',
  '冯涛',
  '何芳',
  '许杰',
  '韩梅',
];
const CHIEFS = ['黄建国', '杨志强', '林海燕', '郭晓东', '马国华'];

interface WindowRow {
  id: string;
  name: string;
  kind: WindowKind;
  departmentCode: string | null;
}

interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  departmentCode: string | null;
  windowId: string | null;
}

/**
 * The hall as a county center usually lays it out: comprehensive windows first (一窗受理), then
 * one window per department staffed by its chief representative (首席代表) and a clerk.
 */
export async function seedHall(db: PrismaClient): Promise<void> {
  const windows: WindowRow[] = [
    ...[1, 2, 3].map((n) => ({
      id: centerKey('window', n),
      name: `综合受理窗口${n}`,
      kind: 'COMPREHENSIVE' as const,
      departmentCode: null,
    })),
    ...departments.map((d, i) => ({
      id: centerKey('window', i + 4),
      name: `${d.name}窗口`,
      kind: 'DEPARTMENT' as const,
      departmentCode: d.code,
    })),
  ];
  let clerk = 0;
  const staff: StaffRow[] = [
    { id: centerKey('staff', 0), name: '钱卫东', role: 'SUPERVISOR', departmentCode: null, windowId: null },
    ...windows.flatMap((w, i): StaffRow[] => {
      const clerks = (w.kind === 'COMPREHENSIVE' ? [0, 1] : [0]).map((): StaffRow => ({
        id: centerKey('staff', ++clerk),
        name: CLERKS[(clerk - 1) % CLERKS.length]!,
        role: 'WINDOW_CLERK',
        departmentCode: w.departmentCode,
        windowId: w.id,
      }));
      const chief: StaffRow[] = w.departmentCode
        ? [
            {
              id: centerKey('chiefRepresentative', i),
              name: CHIEFS[(i - 3) % CHIEFS.length]!,
              role: 'CHIEF_REPRESENTATIVE',
              departmentCode: w.departmentCode,
              windowId: w.id,
            },
          ]
        : [];
      return [...chief, ...clerks];
    }),
  ];
  await db.$transaction([db.serviceWindow.createMany({ data: windows }), db.staff.createMany({ data: staff })]);
}
