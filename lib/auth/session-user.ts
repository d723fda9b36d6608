import type { Role } from "./roles";

/** The signed-in member as the server sees it for one request: plain, secret-free data. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  teamId: string;
  teamName: string;
  role: Role;
}
