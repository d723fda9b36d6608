import { AppError } from "@/lib/errors";
import { buildSharedReport } from "@/lib/reports/share-links";
import { ReportView } from "@/components/gameday/report-view";
import { ReportToolbar } from "@/components/reports/report-toolbar";

export const metadata = { title: "Shared report", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

/** A GameDay report for someone without an account, through a share link. */
export default async function SharedReportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let report;
  try {
    report = await buildSharedReport(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return (
        <main className="page-narrow">
          <div className="empty" role="alert">
            <strong>Report not available</strong>
            {error.message}
          </div>
        </main>
      );
    }
    throw error;
  }
  return (
    <main className="page">
      <p className="muted no-print">Read-only report shared from Firedrill.</p>
      <ReportToolbar base={`/share/${token}`} />
      <ReportView report={report} />
    </main>
  );
}
