import { ref } from 'vue';
import { DepartmentNamesDocument } from '../__generated__/operations';
import { request } from './client';

export interface DepartmentName {
  code: string;
  name: string;
  nameEn?: string | null;
}

const known = ref<DepartmentName[]>([]);
let loading: Promise<void> | undefined;

/** The departments of the registry, asked once per page load; the list never changes while the page is open. */
export function useDepartments() {
  loading ??= request(DepartmentNamesDocument)
    .then(({ data }) => {
      known.value = data.departments;
    })
    .catch(() => {
      loading = undefined; // asked again by the next page
    });
  return known;
}

/** A department's name in the page's language, or its code while the names are unknown. */
export function departmentLabel(code: string | null | undefined, language: string, list: DepartmentName[]): string {
  if (!code) return '—';
  const found = list.find((d) => d.code === code);
  if (!found) return code;
  return language === 'en' && found.nameEn ? found.nameEn : found.name;
}
