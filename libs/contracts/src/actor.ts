/** Who performs an action; travels inside every update so workflow validators can check it again. */
export interface Actor {
  userId: string;
  roles: string[];
  /** Organization the user acts for, when acting as an applicant. */
  organizationId?: string;
  /** The user's membership role in that organization: admins manage it, members work on applications. */
  organizationRole?: 'admin' | 'member';
  /** Street or community scope of a coordinator. */
  scope?: string;
}
