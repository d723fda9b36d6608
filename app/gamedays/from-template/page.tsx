import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { can, whoCan } from "@/lib/auth/roles";
import { listConnections } from "@/lib/k8s/connections";
import { TemplateForm } from "@/components/as-code/template-form";
import { createFromTemplateAction } from "../actions";

export const metadata = { title: "New GameDay from a template" };

export default async function FromTemplatePage() {
  const user = await requireUser();
  if (!can(user.role, "facilitate")) return <main className="page"><p className="alert alert-error">{whoCan("facilitate")}</p></main>;
  const clusters = (await listConnections(user)).map((c) => ({ id: c.id, name: c.name }));
  return (
    <main className="page page-narrow">
      <div className="page-header">
        <div>
          <h1>New GameDay from a template</h1>
          <p>A template is a GameDay exported as YAML (“Export as template” on a GameDay): goals, failure modes with their estimates, and experiments. Runs and people are not part of it; you are the first participant.</p>
        </div>
        <Link className="btn" href="/">Back</Link>
      </div>
      <TemplateForm action={createFromTemplateAction} clusters={clusters} />
    </main>
  );
}
