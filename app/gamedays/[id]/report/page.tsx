import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { buildReport } from "@/lib/reports/build-report";
import { listShareLinks } from "@/lib/reports/share-links";
import { can } from "@/lib/auth/roles";
import { ReportView } from "@/components/gameday/report-view";
import { ReportToolbar } from "@/components/reports/report-toolbar";
import { ShareLinks } from "@/components/reports/share-links";
import { createShareLinkAction, revokeShareLinkAction } from "./actions";

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const sharing = can(user.role, "facilitate");
  const [report, links] = await orNotFound(() => Promise.all([buildReport(user, id), sharing ? listShareLinks(user, id) : Promise.resolve([])]));
  return (
    <main className="page">
      <ReportToolbar base={`/gamedays/${id}/report`} />
      {sharing && <ShareLinks gameDayId={id} links={links} create={createShareLinkAction} revoke={revokeShareLinkAction} />}
      <ReportView report={report} />
    </main>
  );
}
