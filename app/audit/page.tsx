import { requireUser } from "@/app/_server/session";
import { listAudit } from "@/lib/audit/list-audit";
import { can, whoCan } from "@/lib/auth/roles";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await requireUser();
  if (!can(user.role, "administer")) {
    return (
      <main className="page-narrow">
        <h1>Audit log</h1>
        <p className="alert alert-error">{whoCan("administer")}</p>
      </main>
    );
  }
  const rows = await listAudit(user, { limit: 200 });
  return (
    <main className="page">
      <h1>Audit log</h1>
      <p className="muted">Who did what and when: every change, injection, revert and abort. Newest first.</p>
      <table>
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.at.slice(0, 19).replace("T", " ")}</td>
              <td>{r.actorEmail}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td className="small">
                {r.targetType} {r.targetId}
              </td>
              <td className="small">{r.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
