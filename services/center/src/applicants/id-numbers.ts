/** 居民身份证号码: 17 digits and a check character. */
export const RESIDENT_ID = /^\d{17}[\dX]$/;
/** 统一社会信用代码: 18 characters from the code's own alphabet. */
export const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Whether an ID number fits the kind of applicant: a resident ID for a person, a credit code for an enterprise. */
export const fitsApplicantKind = (kind: 'PERSON' | 'ENTERPRISE', idNumber: string) => (kind === 'PERSON' ? RESIDENT_ID : CREDIT_CODE).test(idNumber);
