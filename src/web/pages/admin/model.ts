import type { RoleAssignment } from '../../../domain/policy/principal';

/** An account as GET /api/v1/admin/accounts returns it. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  hasPassword: boolean;
  oidcSubject: string | null;
  assignments: RoleAssignment[];
}

export interface Region {
  code: string;
  name: string;
}

export interface Municipality {
  code: string;
  name: string;
}

export interface Unit {
  unitId: string;
  code: string;
  name: string;
  synthetic: boolean;
}
