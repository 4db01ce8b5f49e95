/** The center's seeded service hall (windows and staff), as tests look people up in it. */
import { query } from './graphql.js';

/** The ID of a department's chief representative (首席代表) in the hall the center seeds. */
export async function chiefOf(centerUrl: string, department: string): Promise<string> {
  const { staff } = (await query(centerUrl, '{ staff { id role departmentCode } }')) as {
    staff: { id: string; role: string; departmentCode: string }[];
  };
  const chief = staff.find((s) => s.role === 'CHIEF_REPRESENTATIVE' && s.departmentCode === department);
  if (!chief) throw new Error(`The seeded hall has no chief representative of ${department}.`);
  return chief.id;
}
