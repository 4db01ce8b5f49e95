import { loadCatalog } from '@onewindow/kit';

/**
 * 住房和城乡建设局's approval items, as published in the county's catalog (政务服务事项目录):
 * catalog.json beside this file, checked against the kit's catalog schema when loaded.
 */
export const catalog = loadCatalog(new URL('./catalog.json', import.meta.url));
