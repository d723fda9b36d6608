import { requireUser } from "@/app/_server/session";
import { listApiTokens } from "@/lib/api-tokens/tokens";
import { can, ROLE_LABELS } from "@/lib/auth/roles";
import { ActionButton } from "@/components/ui/action-button";
import { CreateTokenForm } from "@/components/api/create-token-form";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(user);
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>API tokens</h1>
          <p>
            Personal access tokens let CI import experiments, start and stop runs and read results (see the API description at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>). A token acts as you, within its scope: <strong>read</strong> for status and results, <strong>run</strong> also
            for imports and runs. You are a {ROLE_LABELS[user.role].toLowerCase()}{can(user.role, "facilitate") ? "" : ": starting runs needs a facilitator's token"}.
          </p>
        </div>
      </div>
      <div className="grid-2" style={{ alignItems: "start" }}>
        <section className="card" aria-labelledby="new-token-h">
          <h2 id="new-token-h">New token</h2>
          <CreateTokenForm action={createTokenAction} />
        </section>
        <section className="card" aria-labelledby="tokens-h">
          <h2 id="tokens-h">Your tokens</h2>
          {tokens.length === 0 ? (
            <p className="muted">No tokens yet.</p>
          ) : (
            <table data-testid="token-list">
              <thead><tr><th>Name</th><th>Scope</th><th>Token</th><th>Expires</th><th>Last used</th><th>State</th><th /></tr></thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} aria-label={`Token ${t.name}`}>
                    <td>{t.name}</td>
                    <td><span className="badge">{t.scope}</span></td>
                    <td><code>{t.prefix}…</code></td>
                    <td>{t.expiresAt.slice(0, 10)}</td>
                    <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
                    <td><span className={`badge ${t.state === "active" ? "badge-ok" : "badge-warn"}`}>{t.state}</span></td>
                    <td>{t.state === "active" && <ActionButton action={revokeTokenAction} fields={{ tokenId: t.id }} refresh confirm={`Revoke "${t.name}"? Pipelines using it stop working at once.`} className="btn btn-small btn-danger" pendingText="Revoking…">Revoke</ActionButton>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </main>
  );
}
