import { loadCatalog } from '@onewindow/kit';

/**
 * 市生态环境局县分局's approval items, as published in the county's catalog (政务服务事项目录):
 * catalog.json beside this file, checked against the kit's catalog schema when loaded. Since the
 * 垂直管理 reform the county's environment bureau is the city bureau's county branch (分局).
 */
export const catalog = loadCatalog(new URL('./catalog.json', import.meta.url));
