import { requireUser } from "@/app/_server/session";
import { orNotFound, routeId } from "@/app/_server/load";
import { buildReport } from "@/lib/reports/build-report";
import { ReportView } from "@/components/gameday/report-view";

export const metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = routeId((await params).id);
  const report = await orNotFound(() => buildReport(user, id));
  return (
    <main className="page">
      <div className="row no-print" style={{ justifyContent: "flex-end", marginBottom: "1rem" }}>
        <a className="btn btn-primary" href={`/gamedays/${id}/report/markdown`} download>
          Download Markdown
        </a>
      </div>
      <ReportView report={report} />
    </main>
  );
}
