import type { LocalizedText } from '../cases';
import type { Fen } from '../money';

/** The kinds of input a case form offers. */
export type FormFieldType = 'text' | 'textarea' | 'number' | 'money' | 'select' | 'date' | 'attachment';

interface FormFieldBase<T extends FormFieldType> {
  /** Key of the value in the case's form data; unique across the whole form. */
  key: string;
  type: T;
  label: LocalizedText;
  /** Required fields may stay empty in a draft but must be filled to submit. */
  required: boolean;
  help?: LocalizedText;
}

/** One line of text, limited in characters (a Chinese character counts as one). */
export interface TextField extends FormFieldBase<'text'> {
  maxLength: number;
}

/** Free text over several lines, limited in characters (a Chinese character counts as one). */
export interface TextareaField extends FormFieldBase<'textarea'> {
  maxLength: number;
}

/** A number such as a count of beneficiaries. */
export interface NumberField extends FormFieldBase<'number'> {
  integer: boolean;
  min?: number;
  max?: number;
}

/** An amount of money in fen (integer), never a float of yuan. */
export interface MoneyField extends FormFieldBase<'money'> {
  minFen?: Fen;
  maxFen?: Fen;
}

/** One choice of a select field: a stable value and its bilingual label. */
export interface SelectOption {
  value: string;
  label: LocalizedText;
}

/** A choice among fixed options; `multiple` allows several. */
export interface SelectField extends FormFieldBase<'select'> {
  options: SelectOption[];
  multiple: boolean;
}

/** A calendar date, 'YYYY-MM-DD' in China local time. */
export type DateField = FormFieldBase<'date'>;

/** Uploaded files, stored elsewhere; the form holds their ids. */
export interface AttachmentField extends FormFieldBase<'attachment'> {
  maxFiles: number;
  /** Allowed file extensions without the dot, e.g. ['pdf', 'xlsx']; any when absent. */
  accept?: string[];
}

/** Any field of a case form. */
export type FormField =
  TextField | TextareaField | NumberField | MoneyField | SelectField | DateField | AttachmentField;

/** A titled group of fields, shown as one section of the form. */
export interface FormSection {
  key: string;
  title: LocalizedText;
  fields: FormField[];
}

/** The form a case fills in (an application, a bid), used by the API to validate drafts and submissions. */
export interface FormDefinition {
  sections: FormSection[];
}
