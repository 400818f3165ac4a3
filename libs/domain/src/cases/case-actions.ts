/** A bilingual message; the product speaks zh-CN first, English second. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** One wrong field of an action's input. */
export interface FieldRefusal {
  field: string;
  code: string;
  message: LocalizedText;
}

/**
 * Why a rule refuses an action: `conflict` for the case's state, `forbidden` for the actor, `deadline` for a
 * time limit that has passed, `invalid` for the action's input (with the fields concerned).
 */
export interface ActionRefusal {
  kind: 'conflict' | 'forbidden' | 'deadline' | 'invalid';
  code: string;
  message: LocalizedText;
  fields?: FieldRefusal[];
}
