import { findDepartment } from '@onewindow/schema';
import { BadUserInputError, type Logger, type ServiceClient } from '@onewindow/runtime';
import { departmentCatalog } from '../windows/coverage.js';

/** What the center knows of a part's item when the application is made. */
export interface PartItem {
  itemName: string | null;
  materials: string | null;
}

/**
 * Looks every part's item up in its department's catalog: an item the department does not have
 * is BAD_USER_INPUT, and the names and materials of the others are kept for the applicant's
 * notices. A department that does not answer is not a reason to refuse the application (its part
 * is sent when it is back); its parts are checked by the department itself on submission.
 */
export async function checkPartItems(
  parts: readonly { department: string; itemCode: string }[],
  services: ServiceClient,
  logger: Logger,
): Promise<PartItem[]> {
  const codes = [...new Set(parts.map((p) => p.department))];
  const catalogs = new Map(
    await Promise.all(
      codes.map(async (code) => {
        const catalog = await departmentCatalog(services, findDepartment(code)!).catch((error: unknown) => {
          logger.warn({ department: code, err: error }, 'catalog not read; joint part accepted unchecked');
          return null;
        });
        return [code, catalog] as const;
      }),
    ),
  );
  const problems: { field: string; message: string }[] = [];
  const items = parts.map((part, i) => {
    const catalog = catalogs.get(part.department);
    if (!catalog) return { itemName: null, materials: null };
    const item = catalog.find((entry) => entry.code === part.itemCode);
    if (!item) {
      problems.push({
        field: `parts.${i}.itemId`,
        message: `${findDepartment(part.department)!.name} has no item "${part.itemCode}"`,
      });
      return { itemName: null, materials: null };
    }
    return { itemName: item.name, materials: JSON.stringify(item.materials.map((m) => m.name)) };
  });
  if (problems.length) {
    throw new BadUserInputError(
      `Invalid joint application: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}.`,
      { problems },
    );
  }
  return items;
}
