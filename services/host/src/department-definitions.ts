import { departments, findDepartment } from '@onewindow/schema';
import { contractOnlyDepartment, type DepartmentDefinition, type ServiceClient } from '@onewindow/kit';
import { ConfigurationError } from '@onewindow/runtime';

export type AnyDepartmentDefinition = DepartmentDefinition<ServiceClient, unknown>;

/**
 * Where a department's definition module lies beside its entry: the built host (dist/*.js, run
 * by plain node) loads the departments' built modules, the host run from source theirs.
 */
const definitionModule = import.meta.url.endsWith('.js') ? 'dist/department.js' : 'src/department.ts';

/**
 * A department's definition by registry code: the module services/<code>/src/department.ts
 * exports it under its code; a contract-only department's is made by the kit from its catalog.
 */
export async function departmentDefinition(code: string): Promise<AnyDepartmentDefinition> {
  const entry = findDepartment(code);
  if (!entry)
    throw new Error(`Unknown department "${code}"; the registry has ${departments.map((d) => d.code).join(', ')}`);
  if (entry.catalogFile) return contractOnlyDepartment(entry);
  const file = `../../${code}/${definitionModule}`;
  const module = (await import(file)) as Record<string, AnyDepartmentDefinition>;
  const definition = module[code];
  if (!definition) throw new Error(`services/${code}/${definitionModule} does not export "${code}"`);
  return definition;
}

/**
 * The departments a list names: `all` for every registered one, otherwise codes separated by
 * commas. Unknown codes are refused all at once, with the codes the registry knows.
 */
export function namedDepartments(list: string): string[] {
  const codes =
    list.trim() === 'all'
      ? departments.map((d) => d.code)
      : list
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean);
  const unknown = codes.filter((code) => !findDepartment(code));
  if (unknown.length)
    throw new ConfigurationError(
      `HOSTED_DEPARTMENTS: unknown department(s): ${unknown.join(', ')}; the registry has ${departments.map((d) => d.code).join(', ')}`,
    );
  if (new Set(codes).size !== codes.length)
    throw new ConfigurationError(`HOSTED_DEPARTMENTS: a department is named twice in "${list}"`);
  if (!codes.length) throw new ConfigurationError('HOSTED_DEPARTMENTS names no department');
  return codes;
}
