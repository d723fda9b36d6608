import { requireUser } from "@/app/_server/session";
import { getTrackerSettings } from "@/lib/tickets/tracker-settings";
import { can, whoCan } from "@/lib/auth/roles";
import { TrackerSettingsForm } from "@/components/tickets/tracker-settings-form";
import { saveTrackerSettingsAction } from "./actions";

export const metadata = { title: "Trackers" };

export default async function TrackersPage() {
  const user = await requireUser();
  const settings = await getTrackerSettings(user);
  const admin = can(user.role, "administer");
  return (
    <main className="page-narrow">
      <div className="page-header">
        <div>
          <h1>Follow-up tracker</h1>
          <p>Where the team&apos;s follow-up tickets go. The token is stored encrypted and never shown again; only its last four characters are.</p>
        </div>
      </div>
      <section className="card" aria-label="Tracker settings">
        {admin ? <TrackerSettingsForm action={saveTrackerSettingsAction} settings={settings} /> : <p>{whoCan("administer")}</p>}
      </section>
    </main>
  );
}
