// chinese-days ships CommonJS that Node cannot name-import, so its functions are taken from the
// module object here, once, for the rest of the kit.
import chineseDays from 'chinese-days';

export const { findWorkday, isWorkday } = chineseDays;
