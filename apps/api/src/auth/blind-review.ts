/**
 * Form fields that identify the applicant, left out of the proposal in a blind review stage. The grant
 * competition's form names the communities served (`serviceArea`, which points at the applying community
 * organization) and carries the registration certificate (with the organization's name and credit code);
 * the other keys are the ones forms of other templates use for contacts and the applicant's identity. A new
 * template whose form asks for such facts adds its keys here.
 */
export const IDENTIFYING_FORM_FIELDS: readonly string[] = [
  'serviceArea',
  'registrationCertificate',
  'organizationName',
  'applicantName',
  'creditCode',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'contactEmail',
  'address',
];

// What a blind proposal never shows besides the form fields above.
export const IDENTIFYING_PROPERTIES = ['organizationId', 'organizationName', 'street', 'community'];

/** The form without the fields that identify the applicant. */
export function withoutIdentity(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).filter(([key]) => !IDENTIFYING_FORM_FIELDS.includes(key)));
}
