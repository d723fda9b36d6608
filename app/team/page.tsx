import { requireUser } from "@/app/_server/session";
import { getTeam } from "@/lib/team/members";
import { can, ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { InviteForm, RoleSelect } from "@/components/team/team-forms";
import { ActionButton } from "@/components/ui/action-button";
import { inviteAction, revokeInviteAction, setRoleAction } from "./actions";

export const metadata = { title: "Team" };

export default async function TeamPage() {
  const user = await requireUser();
  const team = await getTeam(user);
  const admin = can(user.role, "administer");
  const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>{user.teamName}</h1>
          <p>Viewers watch; participants add cards, votes, estimates and observations; facilitators run GameDays; admins manage the team.</p>
        </div>
      </div>
      <div className="grid-2">
        <section className="card" aria-label="Members">
          <h2>Members ({team.members.length})</h2>
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.membershipId}>
                  <td>{m.name}</td>
                  <td>{m.email}</td>
                  <td>{admin ? <RoleSelect action={setRoleAction} membershipId={m.membershipId} role={m.role} roles={roles} label={`Role of ${m.name}`} /> : ROLE_LABELS[m.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {admin && (
          <section className="card" aria-label="Invitations">
            <h2>Invite someone</h2>
            <InviteForm action={inviteAction} roles={roles} />
            <h3 style={{ marginTop: "1rem" }}>Open invitations</h3>
            {team.invitations.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul style={{ paddingLeft: "1rem" }}>
                {team.invitations.map((i) => (
                  <li key={i.id} style={{ marginBottom: "0.5rem" }}>
                    <strong>{i.email}</strong> as {ROLE_LABELS[i.role]} —{" "}
                    <span className={i.state === "expired" ? "badge badge-warn" : "muted"}>{i.state === "expired" ? "expired" : `open until ${new Date(i.expiresAt).toUTCString()}`}</span>{" "}
                    <ActionButton action={revokeInviteAction} fields={{ invitationId: i.id }} refresh confirm={`Withdraw the invitation for ${i.email}?`} className="btn btn-small btn-ghost">
                      Withdraw
                    </ActionButton>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </main>
  );
}
